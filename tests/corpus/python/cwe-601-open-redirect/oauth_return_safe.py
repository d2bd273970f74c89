from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()
RETURN_PAGES = {"dashboard": "/dashboard", "settings": "/settings/integrations", "billing": "/billing"}


@app.get("/oauth/done")
def oauth_done(return_to: str = "dashboard"):
    # expect-not: CWE-601
    return RedirectResponse(RETURN_PAGES.get(return_to, "/dashboard"))
