# verify: download CWE-113
from urllib.parse import quote

from flask import make_response


def download(name):
    response = make_response("report body")
    response.headers["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(name)
    return response
