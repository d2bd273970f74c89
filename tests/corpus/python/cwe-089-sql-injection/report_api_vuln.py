from flask import Blueprint, jsonify, request
from sqlalchemy import text

from .extensions import db

reports = Blueprint("reports", __name__, url_prefix="/reports")


@reports.get("/revenue")
def revenue():
    region = request.args.get("region", "EU")
    year = request.args.get("year", "2024")
    query = text(
        "SELECT month, SUM(amount) AS total FROM invoices "
        "WHERE region = '%s' AND EXTRACT(year FROM issued_at) = %s "
        "GROUP BY month ORDER BY month" % (region, year)
    )
    # expect: CWE-89
    rows = db.session.execute(query).all()
    return jsonify([{"month": r.month, "total": float(r.total)} for r in rows])
