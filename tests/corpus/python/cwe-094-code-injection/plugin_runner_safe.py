"""Run one of the registered automation tasks from the ops console."""
import importlib

from django.http import JsonResponse, HttpResponseBadRequest
from django.views.decorators.http import require_POST

from ops.context import build_context

TASKS = {
    "flush-cache": "ops.tasks.flush_cache",
    "rotate-logs": "ops.tasks.rotate_logs",
    "reindex": "ops.tasks.reindex_search",
}


@require_POST
def run_task(request):
    name = request.POST.get("task", "")
    if name not in TASKS:
        return HttpResponseBadRequest("unknown task")
    # expect-not: CWE-94
    module = importlib.import_module(TASKS[name])
    result = module.run(build_context())
    return JsonResponse({"result": repr(result)})
