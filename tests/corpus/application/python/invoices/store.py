"""Invoice queries. The helpers trust their callers; views.py decides what reaches them."""
import sqlite3
import subprocess

SORT_COLUMNS = {"date": "issued_on", "total": "amount"}


def _db():
    return sqlite3.connect("invoices.db")


def search_invoices(term):
    # expect: CWE-89
    return _db().execute("SELECT * FROM invoices WHERE memo LIKE '%" + term + "%'").fetchall()


def customer_total(customer_id):
    # expect-not: CWE-89
    return _db().execute("SELECT SUM(amount) FROM invoices WHERE customer = %d" % customer_id).fetchone()


def export_as(fmt, name):
    if fmt not in ("csv", "pdf"):
        raise ValueError(fmt)
    # expect: CWE-78
    subprocess.run("invoice-export --format " + fmt + " --out /exports/" + name, shell=True, check=True)


def invoice_rows(sort):
    column = SORT_COLUMNS.get(sort, "issued_on")
    # expect-not: CWE-89
    return _db().execute("SELECT * FROM invoices ORDER BY " + column).fetchall()


def vacuum(table):
    # No caller passes request data here: in the application profile this is not a flow.
    # expect-not: CWE-89
    _db().execute("VACUUM " + table)
