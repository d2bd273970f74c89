# Kind `xpath` (CWE-643, XPath injection): quote-breaking payloads that put a bare step named
# after the marker into the query (`x' or MARK or 'a'='a`, `x'][MARK='1`). Every query is
# recorded: lxml's xpath()/XPath/XPathEvaluator (elements made by lxml's parsers are a
# recording subclass; trees from etree.parse are wrapped) and ElementTree's find/findall/
# iterfind/findtext (xml.etree.ElementPath). Confirmed when the marker stands outside every
# string literal of a query: the input changed its structure. XPath variables
# (`xpath("//u[@n=$name]", name=…)`) keep it out of the query text.

import xml.etree.ElementPath as _ElementPath

try:
    if "lxml" not in CONFIG["module_source"]:
        raise ImportError("not used")
    from lxml import etree as _xp_etree
except ImportError:
    _xp_etree = None


def _record_query(sink, query):
    record(sink, "xpath", _text(query))


for _name in ("find", "findall", "findtext", "iterfind"):
    def _element_path(*args, _real=getattr(_ElementPath, _name), _sink="ElementTree." + _name, **kwargs):
        if len(args) > 1:
            _record_query(_sink, args[1])
        return _real(*args, **kwargs)

    setattr(_ElementPath, _name, _element_path)

if _xp_etree is not None:

    class RecordingElement(_xp_etree.ElementBase):
        def xpath(self, _path, **kwargs):
            _record_query("lxml.etree._Element.xpath", _path)
            return super().xpath(_path, **kwargs)

    _xp_etree.set_element_class_lookup(_xp_etree.ElementDefaultClassLookup(element=RecordingElement))

    class RecordingTree:
        """lxml's _ElementTree (from etree.parse) cannot be subclassed: this wraps it."""

        def __init__(self, tree):
            object.__setattr__(self, "_tree", tree)

        def xpath(self, _path, **kwargs):
            _record_query("lxml.etree._ElementTree.xpath", _path)
            return self._tree.xpath(_path, **kwargs)

        def __getattr__(self, name):
            return getattr(self._tree, name)

    _real_xp_parse = _xp_etree.parse
    _xp_etree.parse = lambda *args, **kwargs: RecordingTree(_real_xp_parse(*args, **kwargs))
    _real_XPath = _xp_etree.XPath

    def _xpath_class(path, *args, **kwargs):
        _record_query("lxml.etree.XPath", path)
        return _real_XPath(path, *args, **kwargs)

    _xp_etree.XPath = _xpath_class
    _real_evaluator = _xp_etree.XPathEvaluator

    def _evaluator(*args, **kwargs):
        real = _real_evaluator(*args, **kwargs)

        def evaluate(_path, **variables):
            _record_query("lxml.etree.XPathEvaluator", _path)
            return real(_path, **variables)

        return evaluate

    _xp_etree.XPathEvaluator = _evaluator


def _judge_xpath(result, error, output):
    for event in State.events:
        if event["kind"] == "xpath" and MARK in sql_outside_literals(event["call"]):
            return event["sink"], event["call"], "the marker became a bare step of the XPath query `%s`" % event["call"][:200]
    return None


KINDS["xpath"] = Kind(
    "xpath",
    payloads=lambda: [
        "x' or %s or 'a'='a" % MARK,
        'x" or %s or "a"="a' % MARK,
        "x'][%s='1" % MARK,
        'x"][%s="1' % MARK,
    ],
    judge=_judge_xpath,
    reached=lambda events, output: any(e["kind"] == 'xpath' for e in events),
    what="quote-breaking XPath payloads; watched lxml xpath/XPath and ElementTree find*",
)
