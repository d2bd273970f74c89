"""Webhook receiver that checks out the pushed branch on the staging box."""
import os

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
REPO_DIR = "/opt/staging/app"


class PushEvent(BaseModel):
    ref: str
    after: str


@app.post("/hooks/push")
def on_push(event: PushEvent):
    branch = event.ref.removeprefix("refs/heads/")
    os.chdir(REPO_DIR)
    # expect: CWE-78
    status = os.system(f"git fetch origin && git checkout -f {branch} && make reload")
    if status != 0:
        raise HTTPException(status_code=500, detail="deploy failed")
    return {"deployed": branch, "commit": event.after}
