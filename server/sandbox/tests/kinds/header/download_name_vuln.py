# verify: download CWE-113
from flask import make_response


def download(name):
    response = make_response("report body")
    response.headers["Content-Disposition"] = "attachment; filename=" + name
    return response
