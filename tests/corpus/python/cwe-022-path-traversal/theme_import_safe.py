"""Accept a user-uploaded theme pack (a .tar.gz) and unpack it into the themes folder."""
import tarfile
from pathlib import Path

from django.conf import settings
from django.http import JsonResponse, HttpResponseBadRequest
from django.views.decorators.http import require_POST


@require_POST
def upload_theme(request):
    pack = request.FILES["pack"]
    dest = (Path(settings.MEDIA_ROOT) / "themes" / str(request.user.id)).resolve()
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=pack, mode="r:gz") as tar:
        for member in tar.getmembers():
            target = (dest / member.name).resolve()
            if not target.is_relative_to(dest) or member.issym() or member.islnk():
                return HttpResponseBadRequest("bad archive entry")
        # members were checked above, and the "data" filter rejects escapes as well
        # expect-not: CWE-22
        tar.extractall(dest, filter="data")
    return JsonResponse({"ok": True, "files": sorted(p.name for p in dest.iterdir())})
