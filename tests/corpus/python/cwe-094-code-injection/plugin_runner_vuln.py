"""Run small automation snippets that admins paste into the ops console."""
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ops.context import build_context


@csrf_exempt
@require_POST
def run_snippet(request):
    source = request.POST.get("code", "")
    scope = build_context()
    # expect: CWE-94
    exec(compile(source, "<snippet>", "exec"), scope)
    return JsonResponse({"result": repr(scope.get("result"))})
