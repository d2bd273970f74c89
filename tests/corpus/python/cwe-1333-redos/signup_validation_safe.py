import re

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
# one pass over each part, no nested repetition; length is bounded before matching
# expect-not: CWE-1333
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}$")


class Signup(BaseModel):
    email: str
    display_name: str


@app.post("/signup")
def signup(body: Signup):
    if len(body.email) > 320 or not EMAIL.match(body.email):
        raise HTTPException(status_code=422, detail="invalid email")
    return {"ok": True}
