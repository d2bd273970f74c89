from fastapi import Depends, FastAPI, Request
from sqlalchemy.orm import Session

from .db import get_session
from .models import Member

app = FastAPI()


@app.post("/orgs/{org_id}/members")
async def join_org(org_id: int, request: Request, db: Session = Depends(get_session)):
    data = await request.json()
    # the client form sends name/email; any other column is accepted too (role, is_owner...)
    # expect: CWE-915
    member = Member(org_id=org_id, **data)
    db.add(member)
    db.commit()
    return {"id": member.id, "role": member.role}
