import os

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import PlainTextResponse

app = FastAPI()
LOG_DIR = "/var/log/worker"


@app.get("/admin/logs", response_class=PlainTextResponse)
def tail_log(name: str = Query(...), lines: int = 200):
    available = set(os.listdir(LOG_DIR))
    if name not in available:
        raise HTTPException(status_code=404)
    # expect-not: CWE-22
    with open(os.path.join(LOG_DIR, name), encoding="utf-8", errors="replace") as fh:
        content = fh.readlines()
    return "".join(content[-lines:])
