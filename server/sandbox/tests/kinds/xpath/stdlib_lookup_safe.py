# verify: price_of CWE-643
import xml.etree.ElementTree as ET

CATALOG = ET.fromstring("<catalog><item sku='a1' price='3'/></catalog>")


def price_of(sku):
    # Without its quotes the input cannot leave the literal it is put in.
    item = CATALOG.find(".//item[@sku='%s']" % sku.replace("'", ""))
    return item.get("price") if item is not None else None
