import httpx
from fastapi import FastAPI, HTTPException
from fastapi.responses import Response

app = FastAPI()
AVATAR_SERVICES = {
    "gravatar": "https://www.gravatar.com/avatar",
    "internal": "https://avatars.corp.example.net/u",
}


@app.get("/avatar")
async def avatar(source: str, user_id: int):
    base = AVATAR_SERVICES.get(source)
    if base is None:
        raise HTTPException(status_code=400, detail="unknown avatar source")
    async with httpx.AsyncClient(timeout=3.0) as client:
        # expect-not: CWE-918
        r = await client.get(f"{base}/{user_id}.png")
    return Response(content=r.content, media_type=r.headers.get("content-type", "image/png"))
