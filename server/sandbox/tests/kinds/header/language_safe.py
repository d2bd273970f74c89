# verify: set_language CWE-113
from django.http import HttpResponse

LANGUAGES = {"en", "de", "fr"}


def set_language(request):
    lang = request.GET.get("lang", "en")
    response = HttpResponse("ok")
    response["Content-Language"] = lang if lang in LANGUAGES else "en"
    return response
