# verify: price_of CWE-643
import xml.etree.ElementTree as ET

CATALOG = ET.fromstring("<catalog><item sku='a1' price='3'/></catalog>")


def price_of(sku):
    item = CATALOG.find(f".//item[@sku='{sku}']")
    return item.get("price") if item is not None else None
