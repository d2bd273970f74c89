from django.contrib.auth import authenticate
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .tokens import issue_api_token


@require_POST
def token_login(request):
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return JsonResponse({"error": "bad credentials"}, status=401)
    response = JsonResponse({"ok": True})
    # expect: CWE-614
    response.set_cookie("api_token", issue_api_token(user), httponly=True, samesite="Strict")
    return response
