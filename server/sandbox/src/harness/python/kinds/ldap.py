# Kind `ldap` (CWE-90, LDAP injection): payloads that close the filter's clause and open one
# on an attribute named after the marker (`*)(MARK=*`). python-ldap and ldap3 are not in the
# image: light fakes record every search filter (with their real escaping helpers), so a
# filter built from the input is seen as the directory would get it. Confirmed when the
# marker stands as an attribute of its own clause — `(MARK=` — in a filter: the input
# changed the filter's structure. Escaped input (`\2a\29\28…`) keeps it inside the value.


def escape_filter_chars(value, escape_mode=0):
    text = _text(value)
    for char, code in (("\\", r"\5c"), ("*", r"\2a"), ("(", r"\28"), (")", r"\29"), ("\x00", r"\00")):
        text = text.replace(char, code)
    return text


def filter_format(template, values):
    return template % tuple(escape_filter_chars(v) for v in values)


class FakeLdapConnection:
    def __init__(self, *args, **kwargs):
        self.entries = []
        self.response = []
        self.result = {}

    def _search(self, sink, base, filterstr):
        record(sink, "ldap", _text(filterstr))
        return []

    def search_s(self, base, scope=2, filterstr="(objectClass=*)", *args, **kwargs):
        return self._search("ldap.search_s", base, kwargs.get("filterstr", filterstr))

    def search_ext_s(self, base, scope=2, filterstr="(objectClass=*)", *args, **kwargs):
        return self._search("ldap.search_ext_s", base, kwargs.get("filterstr", filterstr))

    search_st = search_s

    def search(self, base=None, filterstr="(objectClass=*)", *args, **kwargs):
        # ldap3: search(search_base, search_filter, …); python-ldap: search(base, scope, filterstr)
        if isinstance(filterstr, int):
            filterstr = args[0] if args else kwargs.get("filterstr", "")
        filterstr = kwargs.get("search_filter", filterstr)
        self._search("ldap3.Connection.search", base, filterstr)
        return False

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def fake_ldap():
    module = StubModule("ldap")
    module.initialize = lambda *args, **kwargs: FakeLdapConnection()
    module.SCOPE_SUBTREE, module.SCOPE_ONELEVEL, module.SCOPE_BASE = 2, 1, 0
    module.LDAPError = module.INVALID_CREDENTIALS = type("LDAPError", (Exception,), {})
    module.filter = fake_ldap_filter()
    return module


def fake_ldap_filter():
    module = StubModule("ldap.filter")
    module.escape_filter_chars = escape_filter_chars
    module.filter_format = filter_format
    return module


def fake_ldap3():
    module = StubModule("ldap3")
    module.Connection = FakeLdapConnection
    module.Server = lambda *args, **kwargs: Stub("ldap3.Server()")
    module.SUBTREE, module.ALL = "SUBTREE", "ALL"
    return module


def fake_ldap3_conv():
    module = StubModule("ldap3.utils.conv")
    module.escape_filter_chars = escape_filter_chars
    return module


FAKES["ldap"] = fake_ldap
FAKES["ldap.filter"] = fake_ldap_filter
FAKES["ldap3"] = fake_ldap3
FAKES["ldap3.utils.conv"] = fake_ldap3_conv


def _judge_ldap(result, error, output):
    clause = re.compile(r"\(\s*[|&!]?\s*\(?\s*%s\s*[=~<>]" % MARK)
    for event in State.events:
        if event["kind"] == "ldap" and clause.search(event["call"]):
            return event["sink"], event["call"], "the filter gained a clause on the attribute `%s`: `%s`" % (MARK, event["call"][:200])
    return None


KINDS["ldap"] = Kind(
    "ldap",
    payloads=lambda: ["*)(%s=*" % MARK, "x)(|(%s=1" % MARK, "*))(|(%s=*" % MARK],
    judge=_judge_ldap,
    reached=lambda events, output: any(e["kind"] == 'ldap' for e in events),
    what="filter-breaking payloads; watched python-ldap / ldap3 search filters",
)
