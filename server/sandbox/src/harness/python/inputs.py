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


# ---------------------------------------------------------------- the kinds registry


class Kind:
    """One attack the harness can try. `payloads()` lists the payloads fed to each input in
    turn, `judge(result, error, output)` decides after each call: (sink, call) or (sink,
    call, what happened) on proof, None otherwise. A kind with `drive(ctx, kind)` runs its
    own calls instead (timings, reseeding, stat after the call); `needs_input=False` kinds
    run even when the function takes no input. `what` says, for the hover, what was tried
    and watched. Kinds the Rust registry (harness/kinds.rs) lists live in kinds/NAME.py and
    register themselves here; CONFIG["kinds"] says which ones run, in order."""

    def __init__(self, name, payloads=None, judge=None, what="", drive=None, needs_input=True, reached=None):
        self.name = name
        # reached(events, output): whether a call's events show the kind's sink was reached at all; a kind whose
        # sink no call reached is `inconclusive` (sink_not_reached), not refuted. None: the
        # original kinds, which count every completed call as tried.
        self.reached = reached
        self.payloads = payloads or (lambda: [])
        self.judge = judge or (lambda result, error, output: None)
        self.what = what
        self.drive = drive
        self.needs_input = needs_input


KINDS = {}

CORE_WHAT = {
    "command": "shell metacharacters running `touch MARKER`; watched os.system, subprocess, os.exec*",
    "sql": "quote-breaking SQL with a bare marker token; watched sqlite3 and driver/ORM SQL text",
    "code": "expressions calling a canary; watched eval, exec, compile",
    "path": "../ traversal and an absolute decoy path; watched open and file APIs",
    "deserialization": "pickle / YAML gadgets calling a canary; watched pickle and yaml loading",
    "template": "template syntax with a marker; watched template sources",
    "xss": "<script> and javascript: payloads; watched returned and sent HTML",
    "ssrf": "URLs and hosts of a marker domain; watched sockets and HTTP clients",
}


# Original kinds whose sink is recorded for safe code too (a quoted command, a parameterized
# query, a contained path, a fixed URL, a constant template): when no call reached it, the
# attack was not tried. The others (code, deserialization, xss) have safe forms that record
# nothing (ast.literal_eval, json.loads, an escaped body) and keep counting every call.
REACH_RECORDED = ("command", "sql", "path", "ssrf", "template")


def _core_kind(name):
    return Kind(
        name,
        payloads=lambda: [payload for kind, payload in payloads() if kind == name],
        judge=lambda result, error, output: judge(name, result),
        what=CORE_WHAT[name],
        reached=(lambda events, output: any(e["kind"] == name for e in events)) if name in REACH_RECORDED else None,
    )


for _name in CORE_WHAT:
    KINDS[_name] = _core_kind(_name)


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


class NextResponse:
    """What middleware's `call_next` / `get_response` returns: a response, awaited or not."""

    status_code = 200
    body = b""

    def __init__(self):
        self.headers = {}

    def __await__(self):
        return self
        yield


def next_handler(*args, **kwargs):
    return NextResponse()


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
    if name in ("call_next", "get_response", "next", "next_handler"):
        return next_handler
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
