# verify: parse_invoice CWE-611
from lxml import etree


def parse_invoice(xml_text):
    parser = etree.XMLParser(resolve_entities=True)
    root = etree.fromstring(xml_text, parser)
    return root.findtext("total")
