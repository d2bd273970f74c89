from flask import Blueprint, abort, jsonify, request
from sqlalchemy import text

from .extensions import db

reports = Blueprint("reports", __name__, url_prefix="/reports")


@reports.get("/revenue")
def revenue():
    region = request.args.get("region", "EU")
    try:
        year = int(request.args.get("year", "2024"))
    except ValueError:
        abort(400)
    query = text(
        "SELECT month, SUM(amount) AS total FROM invoices "
        "WHERE region = :region AND EXTRACT(year FROM issued_at) = %d "
        "GROUP BY month ORDER BY month" % year
    )
    # region is bound; year was forced to int before formatting
    # expect-not: CWE-89
    rows = db.session.execute(query, {"region": region}).all()
    return jsonify([{"month": r.month, "total": float(r.total)} for r in rows])
