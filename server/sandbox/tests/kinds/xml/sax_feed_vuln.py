# verify: read_feed CWE-611
import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges


def read_feed(document):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(ContentHandler())
    parser.parse(io.StringIO(document))
