from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import PlainTextResponse

app = FastAPI()
LOG_DIR = "/var/log/worker"


@app.get("/admin/logs", response_class=PlainTextResponse)
def tail_log(name: str = Query(...), lines: int = 200):
    try:
        # expect: CWE-22
        with open(f"{LOG_DIR}/{name}", encoding="utf-8", errors="replace") as fh:
            content = fh.readlines()
    except FileNotFoundError:
        raise HTTPException(status_code=404)
    return "".join(content[-lines:])
