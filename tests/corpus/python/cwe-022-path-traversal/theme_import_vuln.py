"""Accept a user-uploaded theme pack (a .tar.gz) and unpack it into the themes folder."""
import tarfile
from pathlib import Path

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def upload_theme(request):
    pack = request.FILES["pack"]
    dest = Path(settings.MEDIA_ROOT) / "themes" / str(request.user.id)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=pack, mode="r:gz") as tar:
        # expect: CWE-22
        tar.extractall(dest)
    return JsonResponse({"ok": True, "files": sorted(p.name for p in dest.iterdir())})
