import requests
from fastapi import FastAPI, HTTPException

app = FastAPI()
ALLOWED_PREFIX = "https://docs.example.com"


@app.post("/import")
def import_page(url: str):
    # "https://docs.example.com.attacker.net/" and "https://docs.example.com@10.0.0.5/" both pass
    if not url.startswith(ALLOWED_PREFIX):
        raise HTTPException(status_code=400, detail="only docs.example.com")
    # expect: CWE-918
    page = requests.get(url, timeout=10)
    return {"length": len(page.text)}
