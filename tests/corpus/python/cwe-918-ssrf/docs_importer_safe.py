from urllib.parse import urlsplit

import requests
from fastapi import FastAPI, HTTPException

app = FastAPI()
ALLOWED_HOST = "docs.example.com"


@app.post("/import")
def import_page(url: str):
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname != ALLOWED_HOST or parts.username or parts.port not in (None, 443):
        raise HTTPException(status_code=400, detail="only docs.example.com")
    # expect-not: CWE-918
    page = requests.get(f"https://{ALLOWED_HOST}{parts.path}", timeout=10, allow_redirects=False)
    return {"length": len(page.text)}
