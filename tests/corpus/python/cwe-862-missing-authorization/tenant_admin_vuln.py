from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy.orm import Session

from .auth import User, get_current_user
from .db import get_session
from .models import Tenant

app = FastAPI()


@app.post("/admin/tenants/{tenant_id}/plan")
def change_plan(tenant_id: int, plan: str, user: User = Depends(get_current_user), db: Session = Depends(get_session)):
    tenant = db.get(Tenant, tenant_id)
    if tenant is None:
        raise HTTPException(status_code=404)
    # expect: CWE-862
    tenant.plan = plan
    db.commit()
    return {"tenant": tenant_id, "plan": plan, "changed_by": user.email}
