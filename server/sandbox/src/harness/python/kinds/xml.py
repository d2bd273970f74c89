# Kind `xml` (CWE-611 XXE, CWE-776 entity expansion): two documents — nested internal
# entities that expand the marker 100 times, and an external entity pointing at a decoy
# file under /work. The parsers' entry points (ElementTree, minidom, lxml.etree) are wrapped
# to record the text of what they parsed; SAX and other readers of external entities open
# the decoy, which the audit hook sees. Confirmed when the parsed text holds the marker ≥ 50
# times (expansion) or the decoy's content, or the decoy was opened. lxml and defusedxml
# are real (the image carries python3-lxml and python3-defusedxml); without lxml, code that
# needs it is `inconclusive`, never refuted.

import xml.dom.minidom as _minidom
import xml.etree.ElementTree as _ET

# lxml and defusedxml are imported (and wrapped) only for modules that name them: the
# import costs more than the rest of the kind.
try:
    if "lxml" not in CONFIG["module_source"]:
        raise ImportError("not used")
    from lxml import etree as _lxml_etree
except ImportError:
    _lxml_etree = None

XML_DECOY = "secret-" + MARK


def _xml_text(parsed):
    try:
        if hasattr(parsed, "getroot"):
            parsed = parsed.getroot()
        if hasattr(parsed, "itertext"):
            return "".join(parsed.itertext())
        if hasattr(parsed, "documentElement"):
            return parsed.documentElement.toxml()
        if isinstance(parsed, tuple) and parsed and hasattr(parsed[0], "itertext"):
            return "".join(parsed[0].itertext())
    except Exception:
        pass
    return ""


def _parse_wrapper(sink, real):
    def parse(*args, **kwargs):
        parsed = real(*args, **kwargs)
        if State.armed:
            record(sink, "xml", _xml_text(parsed)[:20000])
        return parsed

    parse.__wrapped__ = real
    return parse


for _name in ("fromstring", "XML", "parse", "fromstringlist"):
    if hasattr(_ET, _name):
        setattr(_ET, _name, _parse_wrapper("xml.etree.ElementTree." + _name, getattr(_ET, _name)))
import xml.sax as _sax
import xml.sax.expatreader as _expatreader

_real_sax_parse = _expatreader.ExpatParser.parse


def _sax_parse(self, source):
    record("xml.sax parser.parse", "xml", "")
    return _real_sax_parse(self, source)


_expatreader.ExpatParser.parse = _sax_parse
for _name in ("parseString", "parse"):
    setattr(_minidom, _name, _parse_wrapper("xml.dom.minidom." + _name, getattr(_minidom, _name)))
try:
    if "defusedxml" not in CONFIG["module_source"]:
        raise ImportError("not used")
    import defusedxml.ElementTree as _defused_ET
    import defusedxml.minidom as _defused_minidom
except ImportError:
    _defused_ET = _defused_minidom = None


def _refusing_wrapper(sink, real):
    """defusedxml's entry points: the attempt counts as reaching an XML parser even when it
    refuses the document (which is its point)."""

    def parse(*args, **kwargs):
        record(sink, "xml", "")
        return real(*args, **kwargs)

    return parse


for _module, _names, _prefix in ((_defused_ET, ("fromstring", "XML", "parse", "iterparse"), "defusedxml.ElementTree."),
                                 (_defused_minidom, ("parseString", "parse"), "defusedxml.minidom.")):
    for _name in _names if _module is not None else ():
        if hasattr(_module, _name):
            setattr(_module, _name, _refusing_wrapper(_prefix + _name, getattr(_module, _name)))

if _lxml_etree is not None:
    for _name in ("fromstring", "XML", "parse", "fromstringlist"):
        setattr(_lxml_etree, _name, _parse_wrapper("lxml.etree." + _name, getattr(_lxml_etree, _name)))


def _xml_payloads():
    nested = (
        '<!DOCTYPE r [<!ENTITY a "%s"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><r>&c;</r>' % MARK
    )
    external = '<!DOCTYPE r [<!ENTITY x SYSTEM "file://%s">]><r>&x;</r>' % TARGET_FILE
    return [external, nested]


def _judge_xml(result, error, output):
    decoy = os.path.realpath(TARGET_FILE)
    for event in State.events:
        if event["kind"] == "xml":
            if XML_DECOY in event["call"]:
                return event["sink"], event["call"][:300], "the external entity was resolved: the decoy file's content `%s` is in the parsed document" % XML_DECOY
            copies = event["call"].count(MARK)
            if copies >= 50:
                return event["sink"], event["call"][:300], "nested entities expanded: the marker appears %d times in the parsed document (1 in the input)" % copies
        elif event["kind"] == "path" and os.path.realpath(os.path.join(WORK, event["call"])) == decoy:
            return "external entity (%s)" % event["sink"], event["call"], "the parser opened the decoy file named by the external entity"
    if isinstance(result, (str, bytes)) and XML_DECOY in _text(result):
        return "xml parser", _text(result)[:300], "the decoy file's content came back in the result"
    return None


def _drive_xml(ctx, kind):
    reached = False
    for payload in kind.payloads():
        for target in ctx.inputs:
            if ctx.over_budget():
                return
            result, error, output = ctx.call(target, payload)
            reached = reached or any(e["kind"] == "xml" for e in State.events)
            ctx.attempt(kind, target)
            found = kind.judge(result, error, output)
            if found:
                ctx.confirm(kind, target, payload, found, output)
    if not reached and _lxml_etree is None and any(name.startswith("lxml") for name in STUBBED):
        ctx.tried = {k: v for k, v in ctx.tried.items() if k[0] != "xml"}
        ctx.undecided.append(("missing_dependency", "lxml is not in the sandbox image (rebuild it with `bluecode sandbox build-image`): the XML attack could not be tried"))


KINDS["xml"] = Kind(
    "xml",
    payloads=_xml_payloads,
    judge=_judge_xml,
    drive=_drive_xml,
    reached=lambda events, output: any(e["kind"] == 'xml' for e in events),
    what="an external entity naming a decoy file and nested entities; watched ElementTree, minidom, lxml, SAX",
)
