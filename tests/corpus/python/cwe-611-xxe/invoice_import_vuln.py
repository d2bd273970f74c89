"""Import supplier invoices sent as UBL XML through the partner portal."""
from decimal import Decimal

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
NS = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}


@app.post("/partners/invoices")
def import_invoice():
    # DTDs are enabled because one supplier still ships entity-based templates
    # expect: CWE-611
    root = etree.fromstring(request.data, etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False))
    number = root.findtext(".//cbc:ID", namespaces=NS)
    total = Decimal(root.findtext(".//cbc:PayableAmount", namespaces=NS) or "0")
    return jsonify({"invoice": number, "total": str(total)})
