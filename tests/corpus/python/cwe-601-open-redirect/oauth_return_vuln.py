from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/oauth/done")
def oauth_done(return_url: str = "/"):
    # substring check: "https://evil.net/?example.com" passes
    if "example.com" not in return_url and not return_url.startswith("/"):
        return_url = "/"
    # expect: CWE-601
    return RedirectResponse(return_url)
