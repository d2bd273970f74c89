import re

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
# nested quantifiers: "aaaa...!" takes exponential time to reject
# expect: CWE-1333
EMAIL = re.compile(r"^([a-zA-Z0-9]+[._-]?)*[a-zA-Z0-9]+@([a-zA-Z0-9]+\.)+[a-zA-Z]{2,}$")


class Signup(BaseModel):
    email: str
    display_name: str


@app.post("/signup")
def signup(body: Signup):
    if not EMAIL.match(body.email):
        raise HTTPException(status_code=422, detail="invalid email")
    return {"ok": True}
