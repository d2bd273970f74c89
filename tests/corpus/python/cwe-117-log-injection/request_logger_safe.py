import logging

from fastapi import FastAPI, Request

app = FastAPI()
log = logging.getLogger("access")


@app.middleware("http")
async def access_log(request: Request, call_next):
    response = await call_next(request)
    agent = request.headers.get("user-agent", "-")
    # %r renders control characters as escapes, so one request stays one line
    # expect-not: CWE-117
    log.info("%s %s %d agent=%r", request.method, request.url.path, response.status_code, agent)
    return response
