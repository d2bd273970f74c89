"""Export a project's uploaded assets as a tarball the user can download."""
import os
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
    # the label ends up in the archive comment so support can find it later
    # expect: CWE-78
    rc = os.system(f"tar --label='{label}' -czf {out} -C {src} .")
    if rc != 0:
        abort(500)
    return send_file(out, as_attachment=True, download_name=f"project-{project_id}.tar.gz")
