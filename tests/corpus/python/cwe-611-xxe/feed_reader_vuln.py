"""Count entries in RSS feeds that users subscribe to (runs in a batch job)."""
import sys
import urllib.request
import xml.sax
from xml.sax.handler import feature_external_ges


class ItemCounter(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.items = 0

    def startElement(self, name, attrs):
        if name in ("item", "entry"):
            self.items += 1


def count_items(feed_url: str) -> int:
    handler = ItemCounter()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    with urllib.request.urlopen(feed_url, timeout=10) as resp:
        # expect: CWE-611
        parser.parse(resp)
    return handler.items


if __name__ == "__main__":
    for url in sys.stdin.read().split():
        print(url, count_items(url))
