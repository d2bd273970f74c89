import httpx
from fastapi import FastAPI
from fastapi.responses import Response

app = FastAPI()


@app.get("/avatar")
async def avatar(source: str, user: str):
    # clients tell us which avatar service to ask, e.g. source=gravatar.internal:8080
    async with httpx.AsyncClient(timeout=3.0) as client:
        # expect: CWE-918
        r = await client.get(f"http://{source}/u/{user}.png")
    return Response(content=r.content, media_type=r.headers.get("content-type", "image/png"))
