# verify: count_orders CWE-776
import defusedxml.ElementTree as DET


def count_orders(body):
    root = DET.fromstring(body)
    return len(list(root.iter("order")))
