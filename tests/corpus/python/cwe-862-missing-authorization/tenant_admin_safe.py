from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy.orm import Session

from .auth import User, get_current_user
from .db import get_session
from .models import Tenant

app = FastAPI()


def require_staff(user: User = Depends(get_current_user)) -> User:
    if "staff" not in user.roles:
        raise HTTPException(status_code=403)
    return user


@app.post("/admin/tenants/{tenant_id}/plan")
def change_plan(tenant_id: int, plan: str, user: User = Depends(require_staff), db: Session = Depends(get_session)):
    tenant = db.get(Tenant, tenant_id)
    if tenant is None:
        raise HTTPException(status_code=404)
    # expect-not: CWE-862
    tenant.plan = plan
    db.commit()
    return {"tenant": tenant_id, "plan": plan, "changed_by": user.email}
