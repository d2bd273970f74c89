import logging

from fastapi import FastAPI, Request

app = FastAPI()
log = logging.getLogger("access")


@app.middleware("http")
async def access_log(request: Request, call_next):
    response = await call_next(request)
    agent = request.headers.get("user-agent", "-")
    # expect: CWE-117
    log.info(f"{request.method} {request.url.path} {response.status_code} agent={agent}")
    return response
