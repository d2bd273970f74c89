"""Invoice pages: request fields go to the store module, which builds the queries and
commands. The flows cross files; the sinks are labelled in store.py and render.py."""
from flask import Blueprint, request

from invoices import store
from invoices.render import pdf_command, run_quiet
from invoices.store import customer_total, invoice_rows, search_invoices

bp = Blueprint("invoices", __name__)


@bp.route("/invoices/search")
def search():
    term = request.args.get("q", "")
    return {"rows": search_invoices(term)}


@bp.route("/invoices/<customer>")
def by_customer(customer):
    # The route converter leaves any text here; the int() makes it a number.
    return {"total": customer_total(int(request.args.get("id", "0")))}


@bp.route("/invoices/export", methods=["POST"])
def export():
    fmt = request.form["format"]
    store.export_as(fmt, request.form["name"])
    return "queued"


@bp.route("/invoices/print", methods=["POST"])
def print_invoice():
    run_quiet(pdf_command(request.form["invoice"]))
    return "printing"


@bp.route("/invoices/rows")
def rows():
    return {"rows": invoice_rows(request.args.get("sort", "date"))}
