from django.contrib.auth import logout
from django.http import HttpResponseRedirect


def logout_view(request):
    logout(request)
    return_to = request.GET.get("return_to", "/")
    # expect: CWE-601
    return HttpResponseRedirect(return_to)
