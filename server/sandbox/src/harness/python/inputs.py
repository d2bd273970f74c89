# Part 5 of the Python harness: canary payloads and argument values.

# ---------------------------------------------------------------- payloads


def _pickle_gadget():
    # Protocol 0: GLOBAL builtins.<MARK>, then REDUCE with ("pickle",): unpickling calls the canary.
    return b"cbuiltins\n" + MARK.encode() + b"\n(Vpickle\ntR."


def payloads():
    """(kind, payload) pairs; every payload carries the marker."""
    touch = lambda n: "touch %s/.%s_c%d" % (WORK, MARK, n)
    gadget = _pickle_gadget()
    traversal = "../" * 12 + TARGET_FILE.lstrip("/")
    return [
        ("command", "x;%s;#" % touch(0)),
        ("command", "x$(%s)" % touch(1)),
        ("command", "x';%s;'" % touch(2)),
        ("sql", "' OR %s=%s --" % (MARK, MARK)),
        ("sql", '" OR %s=%s --' % (MARK, MARK)),
        ("sql", "1 OR %s=%s" % (MARK, MARK)),
        ("code", "%s('code')" % MARK),
        ("code", "'+%s('code')+'" % MARK),
        ("code", '"+%s(\'code\')+"' % MARK),
        ("path", traversal),
        ("path", TARGET_FILE),
        ("deserialization", gadget),
        ("deserialization", base64.b64encode(gadget).decode()),
        ("deserialization", "!!python/object/apply:builtins.%s ['yaml']" % MARK),
        ("template", "{{ %s }}" % MARK),
        ("xss", "<script>%s</script>" % MARK),
        ("xss", "javascript:%s()" % MARK),
        ("ssrf", "http://%s.invalid/" % MARK),
        ("ssrf", "%s.invalid" % MARK),
    ]


HINTS = [
    ("command", r"\b78\b|command|shell|os\.system|subprocess|popen"),
    ("sql", r"\b89\b|sql"),
    ("code", r"\b9[45]\b|eval|exec|code.injection"),
    ("path", r"\b22\b|\b23\b|path|traversal|open"),
    ("deserialization", r"\b502\b|pickle|yaml|deserial|marshal"),
    ("template", r"\b1336\b|\b94\b|template|ssti"),
    ("xss", r"\b79\b|xss|html|script"),
    ("ssrf", r"\b918\b|ssrf|url|urllib|requests"),
]


def ordered_payloads():
    """The payloads for the kinds the hint names (a finding is confirmed by its own kind of
    sink, not by another vulnerability the function may also have); all kinds when there
    is no hint or the hint names none of them."""
    hint = (CONFIG.get("hint") or "").lower()
    preferred = [kind for kind, pattern in HINTS if hint and re.search(pattern, hint)]
    if not preferred:
        return payloads()
    return [item for kind in preferred for item in payloads() if item[0] == kind]


# ---------------------------------------------------------------- arguments


CONNECTION_NAMES = ("conn", "connection", "db", "cursor", "cur", "con", "database")


def _plain_annotation(annotation):
    origin = typing.get_origin(annotation)
    if origin is typing.Union:
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _plain_annotation(options[0]) if options else None
    return origin or annotation


REQUEST_NAMES = ("request", "req")


def is_request(param):
    annotation = _plain_annotation(param.annotation)
    named = getattr(annotation, "__name__", "") if annotation is not inspect.Parameter.empty else ""
    return param.name.lower() in REQUEST_NAMES or named.endswith("Request")


class PayloadObject:
    """A model-typed parameter (a pydantic model, a dataclass): every field holds `value`."""

    def __init__(self, value):
        object.__setattr__(self, "_value", value)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self._value

    def __getitem__(self, key):
        return self._value

    def get(self, key, default=None):
        return self._value

    def dict(self, *args, **kwargs):
        return PayloadMapping()

    model_dump = dict

    def read(self, *args):
        """An uploaded file (FastAPI's UploadFile, Django's UploadedFile): its content."""
        value = self._value if isinstance(self._value, bytes) else _text(self._value).encode()
        return AwaitableBytes(value)


class AwaitableBytes(bytes):
    """File content that works with and without `await` (UploadFile.read is async)."""

    def __await__(self):
        return self
        yield


def is_model(param):
    annotation = _plain_annotation(param.annotation)
    if isinstance(annotation, Stub):
        return True  # a class from a stubbed package (UploadFile, a pydantic model)
    return (
        isinstance(annotation, type)
        and annotation is not inspect.Parameter.empty
        and annotation.__module__ not in ("builtins", "typing")
        and not issubclass(annotation, (sqlite3.Connection, sqlite3.Cursor))
    )


def is_connection(param):
    annotation = _plain_annotation(param.annotation)
    if isinstance(annotation, type) and issubclass(annotation, (sqlite3.Connection, sqlite3.Cursor)):
        return True
    return param.name.lower() in CONNECTION_NAMES


def sensible_value(param):
    if is_request(param):
        return FakeRequest()
    if is_model(param):
        return PayloadObject("alice")
    if is_connection(param):
        connection = traced_sqlite_connect(":memory:")
        return connection.cursor() if "cur" in param.name.lower() else connection
    if param.default is not inspect.Parameter.empty:
        return param.default
    annotation = _plain_annotation(param.annotation)
    by_type = {int: 1, float: 1.0, bool: False, bytes: b"data", list: [], dict: {}, tuple: (), set: set()}
    if annotation in by_type:
        return by_type[annotation]
    name = param.name.lower()
    if "url" in name or "uri" in name or "link" in name:
        return "http://example.com/"
    if "path" in name or "file" in name or "name" in name:
        return "notes.txt"
    if "host" in name or "domain" in name:
        return "example.com"
    if name in ("n", "count", "limit", "num", "page", "size", "port", "id") or name.endswith("_id"):
        return 1
    return "alice"


def payload_for(param, payload):
    if is_model(param):
        return PayloadObject(payload)
    if isinstance(payload, bytes):
        return payload
    if _plain_annotation(param.annotation) is bytes:
        return payload.encode()
    return payload
