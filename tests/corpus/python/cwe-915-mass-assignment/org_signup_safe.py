from fastapi import Depends, FastAPI
from pydantic import BaseModel, EmailStr
from sqlalchemy.orm import Session

from .db import get_session
from .models import Member

app = FastAPI()


class JoinRequest(BaseModel):
    model_config = {"extra": "forbid"}
    name: str
    email: EmailStr


@app.post("/orgs/{org_id}/members")
def join_org(org_id: int, body: JoinRequest, db: Session = Depends(get_session)):
    # only the declared fields survive validation; role defaults to "member"
    # expect-not: CWE-915
    member = Member(org_id=org_id, **body.model_dump())
    db.add(member)
    db.commit()
    return {"id": member.id, "role": member.role}
