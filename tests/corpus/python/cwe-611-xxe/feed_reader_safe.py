"""Count entries in RSS feeds that users subscribe to (runs in a batch job)."""
import sys
import urllib.request
import xml.sax

import defusedxml.sax


class ItemCounter(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.items = 0

    def startElement(self, name, attrs):
        if name in ("item", "entry"):
            self.items += 1


def count_items(feed_url: str) -> int:
    handler = ItemCounter()
    with urllib.request.urlopen(feed_url, timeout=10) as resp:
        # defusedxml refuses DTDs with external entities and entity expansion bombs
        # expect-not: CWE-611
        defusedxml.sax.parse(resp, handler)
    return handler.items


if __name__ == "__main__":
    for url in sys.stdin.read().split():
        print(url, count_items(url))
