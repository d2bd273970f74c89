"""Export a project's uploaded assets as a tarball the user can download."""
import os
import subprocess
import tempfile

from flask import Flask, request, send_file, abort

app = Flask(__name__)
ASSET_ROOT = "/srv/assets"


@app.route("/projects/<int:project_id>/export")
def export_archive(project_id):
    label = request.args.get("label", "export")
    workdir = tempfile.mkdtemp(prefix="export-")
    out = os.path.join(workdir, "bundle.tar.gz")
    src = os.path.join(ASSET_ROOT, str(project_id))
    if not os.path.isdir(src):
        abort(404)
    # argv list, no shell: the label is a single argument whatever it contains
    # expect-not: CWE-78
    proc = subprocess.run(["tar", "--label", label, "-czf", out, "-C", src, "."], check=False)
    if proc.returncode != 0:
        abort(500)
    return send_file(out, as_attachment=True, download_name=f"project-{project_id}.tar.gz")
