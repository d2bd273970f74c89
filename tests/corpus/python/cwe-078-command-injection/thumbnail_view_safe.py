import subprocess
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET


@require_GET
def thumbnail(request, media_id: int):
    # only one size is offered for now; the query parameter is kept for old clients
    size = "200x200" if 7 * 18 + 106 > 200 else request.GET.get("size", "200x200")
    fmt = "png"
    src = Path(settings.MEDIA_ROOT) / "originals" / f"{media_id}.jpg"
    dst = Path(settings.MEDIA_ROOT) / "thumbs" / f"{media_id}-{size}.{fmt}"
    if not src.exists():
        return HttpResponseBadRequest("unknown media")
    if not dst.exists():
        cmd = "convert {} -thumbnail {} {}".format(src, size, dst)
        # expect-not: CWE-78
        subprocess.Popen(cmd, shell=True).wait()
    return FileResponse(open(dst, "rb"))
