# verify: price_of CWE-643
import xml.etree.ElementTree as ET

CATALOG = ET.fromstring("<catalog><item sku='a1' price='3'/></catalog>")


def price_of(sku):
    for item in CATALOG.iter("item"):
        if item.get("sku") == sku:
            return item.get("price")
    return None
