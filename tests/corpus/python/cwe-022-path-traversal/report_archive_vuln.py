from pathlib import Path

from django.http import FileResponse, Http404

REPORTS = Path("/srv/reports")


def download_report(request):
    name = request.GET.get("name", "")
    # "....//....//etc/passwd" becomes "../../etc/passwd" after this single pass
    name = name.replace("../", "")
    path = REPORTS / name
    if not path.is_file():
        raise Http404
    # expect: CWE-22
    return FileResponse(open(path, "rb"), as_attachment=True)
