# verify: set_language CWE-113
from django.http import HttpResponse


def set_language(request):
    response = HttpResponse("ok")
    response["Content-Language"] = request.GET["lang"]
    return response
