from pathlib import Path

from django.http import FileResponse, Http404

REPORTS = Path("/srv/reports")


def download_report(request):
    try:
        report_id = int(request.GET.get("id", ""))
    except ValueError:
        raise Http404
    path = REPORTS / f"report-{report_id}.pdf"
    if not path.is_file():
        raise Http404
    # expect-not: CWE-22
    return FileResponse(open(path, "rb"), as_attachment=True)
