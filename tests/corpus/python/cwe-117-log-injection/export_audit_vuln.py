import logging

from django.http import FileResponse

logger = logging.getLogger("exports")


def export_file(request):
    name = request.GET.get("name", "report.csv")
    # expect: CWE-117
    logger.info("User %s exported %s", request.user.username, name)
    return FileResponse(open(f"/srv/exports/{request.user.id}/report.csv", "rb"), filename=name)
