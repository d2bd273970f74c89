# verify: count_orders CWE-776
import xml.etree.ElementTree as ET


def count_orders(body):
    root = ET.fromstring(body)
    return len(list(root.iter("order")))
