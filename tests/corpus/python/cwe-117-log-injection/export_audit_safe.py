import json
import logging

from django.http import FileResponse

logger = logging.getLogger("exports")


def export_file(request):
    name = request.GET.get("name", "report.csv")
    # json.dumps escapes control characters, so the entry stays on one line
    # expect-not: CWE-117
    logger.info("User %s exported %s", request.user.username, json.dumps(name))
    return FileResponse(open(f"/srv/exports/{request.user.id}/report.csv", "rb"), filename=name)
