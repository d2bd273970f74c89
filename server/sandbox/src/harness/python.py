# bluecode's built-in canary harness for Python.
#
# Fed to `python3 -I -B -` on stdin inside the hardened container; the configuration (module
# source, file name, function, hint, nonce, time budget) replaces the placeholder below.
# It writes the module into /work, imports it (missing third-party modules are replaced by
# stubs, and a few well-known ones by light fakes that record their sinks), calls the
# function once per (input, payload) with canary payloads, watches the sinks through
# sys.addaudithook plus light wrappers where no audit event exists, and prints one line:
# "@@bluecode-verdict-<nonce>@@ {json}".
#
# A sink counts as reached *unescaped* only on proof:
#   command         the injected `touch /work/.<marker>` ran (the marker file exists)
#   code            the canary function (a builtin named after the marker) was called
#   deserialization the canary was called while unpickling / yaml-loading
#   sql             the marker stands as a bare token outside string literals in SQL text
#   path            a file path resolved to the marker file outside any base directory
#   template        the marker became template source (not a context value)
#   xss             the raw <script> payload came back in HTML output
#   ssrf            a connection or request went to the marker host
# Code under test runs in this process and could forge output; the nonce only keeps
# accidental look-alikes out. Containment, not this script, is the security boundary.

import ast
import base64
import builtins
import html
import importlib.abc
import importlib.machinery
import importlib.util
import inspect
import io
import json
import os
import re
import signal
import sqlite3
import sys
import time
import types
import typing
import urllib.parse

CONFIG = json.loads("__BLUECODE_CONFIG__")
NONCE = CONFIG["nonce"]
MARK = "bc" + NONCE
WORK = "/work"
HARNESS_PID = os.getpid()
REAL_STDOUT = os.dup(1)
STARTED = time.monotonic()
MODULE_NAME = CONFIG["module_file"][: -len(".py")]
TARGET_DIR = os.path.join(WORK, MARK + "_secret")
TARGET_FILE = os.path.join(TARGET_DIR, "flag.txt")

STUBBED = set()
NOTES = []
WEB_FRAMEWORK_USED = []


class State:
    armed = False
    in_hook = False
    events = []
    canary_hits = []
    payload = None
    calls = 0


def note(text):
    if len(NOTES) < 20 and text not in NOTES:
        NOTES.append(text[:300])


def emit(verdict):
    if os.getpid() != HARNESS_PID:
        os._exit(0)
    verdict["stubbed"] = sorted(STUBBED)
    verdict["calls"] = State.calls
    verdict["notes"] = NOTES
    line = "\n@@bluecode-verdict-%s@@ %s\n" % (NONCE, json.dumps(verdict, default=repr))
    os.write(REAL_STDOUT, line.encode("utf-8", "replace"))
    # Skip atexit handlers and threads the code under test may have left behind.
    os._exit(0)


def inconclusive(cause, reason):
    emit({"verdict": "inconclusive", "cause": cause, "reason": reason})


def record(sink, kind, call, **extra):
    if State.armed:
        event = {"sink": sink, "kind": kind, "call": call}
        event.update(extra)
        State.events.append(event)


# ---------------------------------------------------------------- the canary function


def canary(*args, **kwargs):
    """Installed as builtins.<MARK>: payloads call it, so a call proves code execution."""
    if State.armed:
        State.canary_hits.append(args[0] if args and isinstance(args[0], str) else "code")
    return 0


setattr(builtins, MARK, canary)


# ---------------------------------------------------------------- audit hook


def _text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _command_of(argv):
    argv = [_text(a) for a in argv]
    shells = ("sh", "bash", "dash", "zsh", "ksh", "ash")
    if len(argv) >= 3 and os.path.basename(argv[0]) in shells and argv[1] in ("-c", "-lc", "-ec"):
        return argv[2], True
    return " ".join(argv), False


def audit(event, args):
    if not State.armed or State.in_hook:
        return
    State.in_hook = True
    try:
        if event == "os.system":
            record("os.system", "command", _text(args[0]), shell=True)
        elif event == "subprocess.Popen":
            command, shell = _command_of(args[1])
            record("subprocess.Popen", "command", command, shell=shell)
        elif event in ("os.exec", "os.posix_spawn"):
            command, shell = _command_of(args[1])
            record(event, "command", command, shell=shell)
        elif event == "os.spawn":
            command, shell = _command_of(args[2])
            record("os.spawn", "command", command, shell=shell)
        elif event == "open":
            if isinstance(args[0], (str, bytes, os.PathLike)):
                record("open", "path", os.fsdecode(args[0]), mode=str(args[1]))
        elif event == "pickle.find_class":
            record("pickle.find_class", "deserialization", "%s.%s" % (args[0], args[1]))
        elif event == "socket.connect":
            address = args[1]
            host = address[0] if isinstance(address, tuple) and address else address
            record("socket.connect", "ssrf", _text(host))
        elif event == "socket.getaddrinfo":
            record("socket.getaddrinfo", "ssrf", _text(args[0]))
        elif event == "urllib.Request":
            record("urllib.request.Request", "ssrf", _text(args[0]))
        elif event == "http.client.connect":
            record("http.client.connect", "ssrf", _text(args[1]))
        elif event == "compile" and isinstance(args[0], (str, bytes)):
            record("compile", "code", _text(args[0]))
    except Exception:
        pass
    finally:
        State.in_hook = False


sys.addaudithook(audit)


# ---------------------------------------------------------------- light wrappers


_real_eval, _real_exec = builtins.eval, builtins.exec


def _caller_namespaces(globals_, locals_):
    frame = sys._getframe(2)
    if globals_ is not None and not isinstance(globals_, dict):
        # A scope built by a stubbed helper: run in a fresh namespace rather than fail.
        globals_, locals_ = {"__builtins__": builtins}, None
    if globals_ is None:
        globals_ = frame.f_globals
        if locals_ is None:
            locals_ = frame.f_locals
    return globals_, locals_


def traced_eval(source, globals=None, locals=None, /):
    record("eval", "code", _text(source) if isinstance(source, (str, bytes)) else repr(source))
    globals, locals = _caller_namespaces(globals, locals)
    return _real_eval(source, globals, locals)


def traced_exec(source, globals=None, locals=None, /, **kwargs):
    record("exec", "code", _text(source) if isinstance(source, (str, bytes)) else repr(source))
    globals, locals = _caller_namespaces(globals, locals)
    return _real_exec(source, globals, locals, **kwargs)


def _sql_call(sink, sql, params):
    record(sink, "sql", _text(sql), params=repr(params)[:200])


class TracedCursor(sqlite3.Cursor):
    def execute(self, sql, params=(), /):
        _sql_call("sqlite3.Cursor.execute", sql, params)
        return super().execute(sql, params)

    def executemany(self, sql, params, /):
        _sql_call("sqlite3.Cursor.executemany", sql, "...")
        return super().executemany(sql, params)

    def executescript(self, script, /):
        _sql_call("sqlite3.Cursor.executescript", script, None)
        return super().executescript(script)


class TracedConnection(sqlite3.Connection):
    def cursor(self, factory=TracedCursor):
        return super().cursor(factory)

    def execute(self, sql, params=(), /):
        return self.cursor().execute(sql, params)

    def executemany(self, sql, params, /):
        return self.cursor().executemany(sql, params)

    def executescript(self, script, /):
        return self.cursor().executescript(script)


_real_sqlite_connect = sqlite3.connect


def traced_sqlite_connect(database, *args, **kwargs):
    kwargs.setdefault("factory", TracedConnection)
    try:
        return _real_sqlite_connect(database, *args, **kwargs)
    except sqlite3.OperationalError:
        # The application's database file does not exist in the sandbox; an empty
        # in-memory database still shows what SQL the code sends.
        note("sqlite3 database %r replaced by an in-memory one" % (database,))
        return _real_sqlite_connect(":memory:", *args, **kwargs)


_real_chdir = os.chdir


def lenient_chdir(path):
    """The application's directories do not exist in the sandbox: stay in /work."""
    try:
        _real_chdir(path)
    except OSError:
        note("os.chdir(%r) ignored: no such directory in the sandbox" % (path,))


sqlite3.connect = traced_sqlite_connect
sqlite3.dbapi2.connect = traced_sqlite_connect


# ---------------------------------------------------------------- stubs and fakes


SQL_METHODS = {"execute", "executemany", "executescript", "raw", "extra", "text", "query", "exec_driver_sql"}


class StubBase:
    """Base class for classes that derive from a stubbed class."""

    def __init__(self, *args, **kwargs):
        pass

    def __init_subclass__(cls, **kwargs):
        pass


class Stub:
    """Stands in for any object of a module that is not installed: every attribute and call
    yields another stub; used as a decorator it returns the decorated function unchanged."""

    def __init__(self, name="stub"):
        object.__setattr__(self, "_stub_name", name)

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return Stub(self._stub_name + "." + attr)

    def __setattr__(self, attr, value):
        pass

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and (inspect.isfunction(args[0]) or inspect.isclass(args[0])):
            return args[0]
        # ORM and driver methods that take raw SQL (Django's .raw/.extra, SQLAlchemy's
        # text/execute, any driver's execute) are sinks even on a stub.
        method = self._stub_name.rsplit(".", 1)[-1]
        if method in SQL_METHODS and args and isinstance(args[0], str):
            record(self._stub_name, "sql", args[0])
        return Stub(self._stub_name + "()")

    def __mro_entries__(self, bases):
        return (StubBase,)

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def __bool__(self):
        return False

    def __str__(self):
        return ""

    def __getitem__(self, key):
        return Stub(self._stub_name + "[]")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class StubModule(types.ModuleType):
    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return Stub(self.__name__ + "." + attr)


class Markup(str):
    """markupsafe.Markup: a string already safe for HTML."""

    def __html__(self):
        return self


def _escape(value):
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return str(value)
    return html.escape(str(value), quote=True)


def _render(source, context):
    """Enough of Jinja2 to tell template source from context values: `{{ name }}` is
    autoescaped, `{{ name|safe }}` is not."""

    def substitute(match):
        name, filters = match.group(1), match.group(2) or ""
        value = context.get(name, "")
        return str(value) if "safe" in filters else _escape(value)

    return re.sub(r"{{\s*(\w+)\s*((?:\|\s*\w+\s*)*)}}", substitute, source)


def render_template_string(source, **context):
    record("render_template_string", "template", _text(source))
    return Markup(_render(_text(source), context))


class Template:
    def __init__(self, source, *args, **kwargs):
        record("jinja2.Template", "template", _text(source))
        self.source = _text(source)

    def render(self, *args, **context):
        if args and isinstance(args[0], dict):
            context = dict(args[0], **context)
        return _render(self.source, context)


class Environment:
    def __init__(self, *args, **kwargs):
        pass

    def from_string(self, source, *args, **kwargs):
        return Template(source)


class PayloadMapping(dict):
    """request.args / form / values / cookies / headers: every key holds the payload."""

    def get(self, key, default=None, type=None):
        return State.payload if State.payload is not None else default

    def __getitem__(self, key):
        return State.payload if State.payload is not None else ""

    def __contains__(self, key):
        return State.payload is not None

    def getlist(self, key):
        return [State.payload] if State.payload is not None else []


class FakeRequest:
    """A web request whose every input holds the current payload (Flask, Django, FastAPI
    and Starlette spellings)."""

    method = "POST"
    path = "/"
    args = form = values = cookies = headers = PayloadMapping()
    GET = POST = COOKIES = META = query_params = path_params = PayloadMapping()
    user = types.SimpleNamespace(id=1, is_authenticated=True, is_staff=False, username="alice")
    session = {}

    @property
    def body(self):
        return self.data

    @property
    def data(self):
        return _text(State.payload or "").encode()

    @property
    def json(self):
        return self.get_json()

    def get_json(self, *args, **kwargs):
        return PayloadMapping()

    def get_data(self, as_text=False, **kwargs):
        return _text(State.payload or "") if as_text else self.data


def send_file(path, *args, **kwargs):
    with open(path, "rb") as handle:
        return handle.read()


def send_from_directory(directory, path, *args, **kwargs):
    # Flask joins safely (werkzeug.safe_join) and refuses to leave the directory.
    base = os.path.realpath(directory)
    full = os.path.realpath(os.path.join(base, path))
    if not full.startswith(base + os.sep):
        raise FileNotFoundError(path)
    return send_file(full)


class AppGlobals(types.SimpleNamespace):
    """flask.g: a plain namespace, so `if "db" not in g: g.db = ...` works."""

    def __contains__(self, name):
        return name in self.__dict__

    def get(self, name, default=None):
        return self.__dict__.get(name, default)

    def pop(self, name, default=None):
        return self.__dict__.pop(name, default)

    def setdefault(self, name, default=None):
        return self.__dict__.setdefault(name, default)


def fake_flask():
    module = StubModule("flask")
    WEB_FRAMEWORK_USED.append("flask")
    module.request = FakeRequest()
    module.g = AppGlobals()
    module.render_template_string = render_template_string
    module.render_template = lambda name, **context: Markup(_escape(context))
    module.Markup = Markup
    module.escape = lambda value: Markup(_escape(value))
    module.send_file = send_file
    module.send_from_directory = send_from_directory
    module.make_response = lambda body="", *args, **kwargs: body
    module.Response = lambda body="", *args, **kwargs: body
    module.jsonify = lambda *args, **kwargs: json.dumps(args[0] if args else kwargs, default=str)
    module.redirect = lambda location, *args, **kwargs: location
    module.abort = lambda code=400, *args: (_ for _ in ()).throw(RuntimeError("abort(%s)" % code))
    return module


def fake_jinja2():
    module = StubModule("jinja2")
    module.Template = Template
    module.Environment = Environment
    module.Markup = Markup
    return module


def fake_markupsafe():
    module = StubModule("markupsafe")
    module.Markup = Markup
    module.escape = lambda value: Markup(_escape(value))
    return module


class YAMLError(Exception):
    pass


class Loaders:
    class SafeLoader:
        pass

    class BaseLoader(SafeLoader):
        pass

    class FullLoader:
        pass

    class Loader:
        pass

    class UnsafeLoader(Loader):
        pass


def _yaml_construct(text, unsafe):
    """PyYAML 6 semantics for the one tag that matters: `!!python/object/apply:f [args]`
    calls f under the unsafe loaders and is refused by the safe ones."""
    match = re.search(r"!!python/object/apply:([\w.]+)\s*(\[.*\])?", text)
    if match is None:
        return text.strip()
    if not unsafe:
        raise YAMLError("could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply'")
    record("yaml.load", "deserialization", text)
    module_name, _, name = match.group(1).rpartition(".")
    target = getattr(importlib.import_module(module_name or "builtins"), name)
    arguments = ast.literal_eval(match.group(2)) if match.group(2) else []
    return target(*arguments)


def fake_yaml():
    module = StubModule("yaml")
    module.YAMLError = YAMLError
    for name in ("SafeLoader", "BaseLoader", "FullLoader", "Loader", "UnsafeLoader"):
        setattr(module, name, getattr(Loaders, name))
    unsafe = (Loaders.Loader, Loaders.UnsafeLoader)

    def load(stream, Loader):
        return _yaml_construct(_text(stream), Loader in unsafe)

    module.load = load
    module.load_all = lambda stream, Loader: [load(stream, Loader)]
    module.safe_load = lambda stream: _yaml_construct(_text(stream), False)
    module.full_load = lambda stream: _yaml_construct(_text(stream), False)
    module.unsafe_load = lambda stream: _yaml_construct(_text(stream), True)
    module.dump = module.safe_dump = lambda data, *args, **kwargs: json.dumps(data, default=str)
    return module


class HttpError(Exception):
    pass


def _http_call(sink):
    def call(method_or_url, url=None, *args, **kwargs):
        target = url if url is not None and sink.endswith("request") else method_or_url
        record(sink, "ssrf", _text(target))
        raise HttpError("network is disabled in the sandbox")

    return call


def fake_requests():
    module = StubModule("requests")
    for verb in ("get", "post", "put", "delete", "head", "patch", "options"):
        setattr(module, verb, _http_call("requests." + verb))
    module.request = _http_call("requests.request")
    module.RequestException = module.ConnectionError = module.Timeout = HttpError
    module.exceptions = types.SimpleNamespace(RequestException=HttpError, ConnectionError=HttpError)
    return module


class FakeHttpClient:
    """httpx.Client / AsyncClient / aiohttp.ClientSession: every request is recorded."""

    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, verb):
        if verb.startswith("__"):
            raise AttributeError(verb)
        return _http_call("%s.%s" % (type(self).__name__, verb))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


class AsyncClient(FakeHttpClient):
    def __getattr__(self, verb):
        call = FakeHttpClient.__getattr__(self, verb)

        async def asynchronous(*args, **kwargs):
            return call(*args, **kwargs)

        return asynchronous


class Client(FakeHttpClient):
    pass


class ClientSession(AsyncClient):
    pass


def fake_httpx():
    module = fake_requests()
    module.__name__ = "httpx"
    for verb in ("get", "post", "put", "delete", "head", "patch", "options", "request"):
        setattr(module, verb, _http_call("httpx." + verb))
    module.Client, module.AsyncClient = Client, AsyncClient
    module.HTTPError = module.RequestError = HttpError
    return module


def fake_aiohttp():
    module = StubModule("aiohttp")
    module.ClientSession = ClientSession
    module.ClientError = HttpError
    return module


class FakeCursor:
    def __init__(self, driver):
        self.driver = driver
        self.rowcount = 0
        self.description = None

    def execute(self, sql, params=None):
        _sql_call(self.driver + ".cursor.execute", sql, params)
        return self

    def executemany(self, sql, params):
        _sql_call(self.driver + ".cursor.executemany", sql, "...")
        return self

    def fetchall(self):
        return []

    def fetchmany(self, size=1):
        return []

    def fetchone(self):
        return None

    def close(self):
        pass

    def __iter__(self):
        return iter(())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class FakeConnection(FakeCursor):
    def cursor(self, *args, **kwargs):
        return FakeCursor(self.driver)

    def commit(self):
        pass

    def rollback(self):
        pass


def fake_db_driver(name):
    def build():
        module = StubModule(name)
        module.connect = lambda *args, **kwargs: FakeConnection(name)
        module.Error = module.DatabaseError = module.OperationalError = Exception
        return module

    return build


FAKES = {
    "flask": fake_flask,
    "jinja2": fake_jinja2,
    "markupsafe": fake_markupsafe,
    "yaml": fake_yaml,
    "requests": fake_requests,
    "httpx": fake_httpx,
    "aiohttp": fake_aiohttp,
    "pymysql": fake_db_driver("pymysql"),
    "psycopg2": fake_db_driver("psycopg2"),
    "psycopg": fake_db_driver("psycopg"),
    "MySQLdb": fake_db_driver("MySQLdb"),
    "mysql.connector": fake_db_driver("mysql.connector"),
}


class StubLoader(importlib.abc.Loader):
    def create_module(self, spec):
        factory = FAKES.get(spec.name)
        module = factory() if factory else StubModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


class StubFinder(importlib.abc.MetaPathFinder):
    """Last on sys.meta_path, and only for top-level names whose absence made the module's
    import fail: `try: import ujson / except ImportError: import json` keeps working."""

    allowed = set()

    def find_spec(self, fullname, path, target=None):
        top = fullname.split(".")[0]
        sibling = any(fullname == a or fullname.startswith(a + ".") for a in self.allowed if "." in a)
        if top not in self.allowed and not sibling:
            return None
        STUBBED.add(fullname if fullname in FAKES else fullname.split(".")[0])
        return importlib.machinery.ModuleSpec(fullname, StubLoader(), is_package=True)


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


def is_model(param):
    annotation = _plain_annotation(param.annotation)
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


# ---------------------------------------------------------------- calling


class CallTimeout(BaseException):
    pass


def on_alarm(signum, frame):
    raise CallTimeout()


signal.signal(signal.SIGALRM, on_alarm)
OUTPUT_FILE = os.path.join(WORK, "." + MARK + "_out")


def call_observed(function, args, kwargs, payload):
    """Calls once with output captured (fd level, so child processes are included), the
    audit hook armed and an alarm set. Returns (return value, exception text, output)."""
    State.events = []
    State.canary_hits = []
    State.payload = payload
    State.calls += 1
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    capture = os.open(OUTPUT_FILE, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(capture, 1)
    os.dup2(capture, 2)
    result, error = None, None
    try:
        # Repeating: code that swallows the first alarm with a bare `except:` gets another.
        signal.setitimer(signal.ITIMER_REAL, CONFIG["call_timeout_secs"], 0.5)
        State.armed = True
        result = function(*args, **kwargs)
        if inspect.iscoroutine(result):
            import asyncio

            result = asyncio.run(result)
        elif inspect.isgenerator(result):
            result = list(item for _, item in zip(range(1000), result))
    except CallTimeout:
        error = "timeout"
    except BaseException as exc:  # the code under test may raise anything, SystemExit included
        error = "%s: %s" % (type(exc).__name__, exc)
    finally:
        State.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        if os.getpid() != HARNESS_PID:
            # A fork of the code under test came back here: it must not run the harness.
            os._exit(0)
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            pass
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])
    try:
        os.lseek(capture, 0, os.SEEK_SET)
        output = os.read(capture, 8192).decode("utf-8", "replace")
    except OSError:
        output = ""
    os.close(capture)
    return result, error, output


# ---------------------------------------------------------------- judging


def sql_outside_literals(sql):
    """The SQL text with string literals, quoted identifiers and comments removed."""
    kept, i, n = [], 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"`":
            i += 1
            while i < n:
                if sql[i] == c:
                    if i + 1 < n and sql[i + 1] == c:
                        i += 2
                        continue
                    break
                i += 1
            i += 1
            kept.append(" ")
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end < 0 else end
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            kept.append(c)
            i += 1
    return "".join(kept)


def _last(events, kind, predicate=lambda event: True):
    for event in reversed(events):
        if event["kind"] == kind and predicate(event):
            return event
    return None


def url_host(text):
    try:
        return urllib.parse.urlsplit(text).hostname or ""
    except ValueError:
        return ""


def judge(kind, result):
    """Whether the last call, made with a payload of `kind`, reached that kind of sink
    unescaped: (sink, call) or None. Each kind accepts only its own proof."""
    events = State.events
    if kind == "command":
        for n in range(3):
            marker_file = "%s/.%s_c%d" % (WORK, MARK, n)
            if os.path.exists(marker_file):
                os.unlink(marker_file)
                event = _last(events, "command", lambda e: MARK in e["call"])
                return (event["sink"], event["call"]) if event else ("shell", "an injected command ran")
    elif kind == "code" and "code" in State.canary_hits:
        event = _last(events, "code", lambda e: e["sink"] in ("eval", "exec") and MARK in e["call"])
        event = event or _last(events, "code", lambda e: MARK in e["call"])
        return (event["sink"], event["call"]) if event else ("code execution", "the canary ran")
    elif kind == "deserialization" and State.canary_hits:
        if "pickle" in State.canary_hits:
            return "pickle.loads", "unpickling called builtins.%s" % MARK
        if "yaml" in State.canary_hits:
            # The fake records the document; a real PyYAML in a custom image records nothing.
            event = _last(events, "deserialization", lambda e: e["sink"] == "yaml.load")
            return "yaml.load", event["call"] if event else "yaml loading called builtins.%s" % MARK
    elif kind == "sql":
        event = _last(events, "sql", lambda e: MARK in sql_outside_literals(e["call"]))
        if event:
            return event["sink"], event["call"]
    elif kind == "path":
        target = os.path.realpath(TARGET_FILE)
        event = _last(events, "path", lambda e: os.path.realpath(os.path.join(WORK, e["call"])) == target)
        if event:
            return event["sink"], event["call"]
    elif kind == "template":
        event = _last(events, "template", lambda e: MARK in e["call"])
        if event:
            return event["sink"], event["call"]
    elif kind == "ssrf":
        # URL sinks must get the marker as the host; socket sinks see the host itself.
        event = _last(events, "ssrf", lambda e: MARK in (url_host(e["call"]) if "://" in e["call"] else e["call"]))
        if event:
            return event["sink"], event["call"]
    elif kind == "xss":
        rendered = result.decode("utf-8", "replace") if isinstance(result, bytes) else result
        if isinstance(rendered, str) and "<script>%s" % MARK in rendered and looks_like_web_output(rendered):
            return "html response", rendered[:500]
    return None


def looks_like_web_output(text):
    hint = (CONFIG.get("hint") or "").lower()
    other_tags = re.sub(r"<script>%s</script>" % MARK, "", text)
    return bool(WEB_FRAMEWORK_USED) or bool(re.search(r"\b79\b|xss|html", hint)) or bool(
        re.search(r"<[a-zA-Z][^>]*>", other_tags)
    )


# ---------------------------------------------------------------- main


PACKAGE = "bluecode_app"


def load_module():
    """Imports the module from /work as `bluecode_app.<name>`, so that relative imports
    resolve; a missing module (top-level, or a sibling of a relative import) is stubbed and
    the import retried (at most 20 times)."""
    package_dir = os.path.join(WORK, PACKAGE)
    os.makedirs(package_dir, exist_ok=True)
    open(os.path.join(package_dir, "__init__.py"), "w").close()
    path = os.path.join(package_dir, CONFIG["module_file"])
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(CONFIG["module_source"])
    sys.path.insert(0, WORK)
    sys.path.insert(0, package_dir)
    finder = StubFinder()
    sys.meta_path.append(finder)
    importlib.import_module(PACKAGE)
    qualified = PACKAGE + "." + MODULE_NAME
    for _ in range(20):
        before = set(sys.modules)
        spec = importlib.util.spec_from_file_location(qualified, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[qualified] = module
        signal.setitimer(signal.ITIMER_REAL, max(CONFIG["call_timeout_secs"], 5), 0.5)
        try:
            spec.loader.exec_module(module)
            return module
        except ModuleNotFoundError as exc:
            name = exc.name or ""
            missing = name if name.startswith(PACKAGE + ".") else name.split(".")[0]
            if not missing or missing in (qualified, MODULE_NAME) or missing in finder.allowed:
                raise
            finder.allowed.add(missing)
            for loaded in set(sys.modules) - before:
                sys.modules.pop(loaded, None)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            if os.getpid() != HARNESS_PID:
                os._exit(0)
    raise ImportError("too many missing modules")


def _span(function):
    code = function.__code__
    lines = [line for _, _, line in code.co_lines() if line is not None]
    return code.co_firstlineno, max(lines, default=code.co_firstlineno)


def qualname_at_line(module, line):
    """`line:N`: the innermost module-level function or method whose source holds line N."""
    best = None
    for value in list(vars(module).values()):
        owners = [(value, None)] if inspect.isfunction(value) else []
        if inspect.isclass(value) and value.__module__ == module.__name__:
            owners += [(f, value) for f in vars(value).values() if inspect.isfunction(f)]
        for function, cls in owners:
            if function.__module__ != module.__name__:
                continue
            first, last = _span(function)
            if first <= line <= last and (best is None or last - first < best[0]):
                name = cls.__name__ + "." + function.__name__ if cls else function.__name__
                best = (last - first, name)
    if best is None:
        inconclusive("function_not_found", "no module-level function or method holds line %d" % line)
    return best[1]


def resolve_function(module):
    """The callable for `func`, `Class.method` (an instance is built for methods) or
    `line:N`."""
    at_line = re.fullmatch(r"line:(\d+)", CONFIG["function"])
    if at_line:
        CONFIG["function"] = qualname_at_line(module, int(at_line.group(1)))
    owner, target, name = None, module, ""
    for name in CONFIG["function"].split("."):
        owner, target = target, getattr(target, name, None)
        if target is None:
            inconclusive("function_not_found", "`%s` is not defined at module level" % CONFIG["function"])
    if inspect.isclass(owner) and inspect.isfunction(inspect.getattr_static(owner, name, None)):
        target = getattr(build_instance(owner), name)
    if not callable(target):
        inconclusive("function_not_found", "`%s` is not callable" % CONFIG["function"])
    return target


def build_instance(cls):
    try:
        params = list(inspect.signature(cls).parameters.values())
        return cls(*[sensible_value(p) for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)])
    except BaseException as exc:
        note("could not construct %s (%s); methods run on a bare instance" % (cls.__name__, type(exc).__name__))
        return cls.__new__(cls)


def main():
    _real_chdir(WORK)
    os.makedirs(TARGET_DIR, exist_ok=True)
    with open(TARGET_FILE, "w") as handle:
        handle.write("secret-" + MARK)
    try:
        module = load_module()
    except CallTimeout:
        inconclusive("timeout", "importing the module did not finish")
    except ModuleNotFoundError as exc:
        inconclusive("missing_dependency", "%s: %s" % (type(exc).__name__, exc))
    except BaseException as exc:
        inconclusive("import_error", "%s: %s" % (type(exc).__name__, exc))
    builtins.eval, builtins.exec = traced_eval, traced_exec
    os.chdir = lenient_chdir
    function = resolve_function(module)
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        signature = inspect.Signature()
    params = [
        p
        for p in signature.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    ]
    inputs = [p for p in params if not is_connection(p) and not is_request(p)]
    ambient = (
        bool(WEB_FRAMEWORK_USED)
        or any(is_request(p) for p in params)
        or re.search(r"\binput\s*\(|sys\.argv", CONFIG["module_source"])
    )
    if ambient:
        inputs.append(None)  # None: the payload comes from request / input() / sys.argv
    if not inputs:
        inconclusive("no_input", "the function takes no input a payload could be put in")

    real_input, real_argv = builtins.input, list(sys.argv)
    tried = {}
    timeouts = completed = 0
    for kind, payload in ordered_payloads():
        for target in inputs:
            if time.monotonic() - STARTED > CONFIG["budget_secs"]:
                note("time budget exhausted after %d calls" % State.calls)
                return finish(tried, completed, timeouts)
            args, kwargs = [], {}
            for p in params:
                value = payload_for(p, payload) if p is target else sensible_value(p)
                if p.kind == p.KEYWORD_ONLY:
                    kwargs[p.name] = value
                else:
                    args.append(value)
            ambient_payload = payload if target is None else None
            if target is None:
                text = _text(payload)
                builtins.input = lambda prompt="": text
                sys.argv = [CONFIG["module_file"], text, text]
            result, error, output = call_observed(function, args, kwargs, ambient_payload)
            builtins.input, sys.argv = real_input, list(real_argv)
            if error == "timeout":
                timeouts += 1
                note("a call did not return within %ss" % CONFIG["call_timeout_secs"])
                if timeouts >= 2 and completed == 0:
                    inconclusive("timeout", "the function did not return within %ss" % CONFIG["call_timeout_secs"])
            else:
                completed += 1
                if error:
                    note("the function raised %s" % error)
            name = target.name if target is not None else "request"
            attempt = tried.setdefault((kind, name), {"kind": kind, "parameter": name, "payloads": 0, "sinks": []})
            attempt["payloads"] += 1
            for event in State.events:
                if event["sink"] not in attempt["sinks"] and event["sink"] != "compile":
                    attempt["sinks"].append(event["sink"])
            found = judge(kind, result)
            if found:
                sink, call = found
                emit(
                    {
                        "verdict": "confirmed",
                        "sink": sink,
                        "kind": kind,
                        "parameter": name,
                        "payload": _text(payload) if not isinstance(payload, bytes) else repr(payload),
                        "call": call,
                        "output": output,
                    }
                )
    return finish(tried, completed, timeouts)


def finish(tried, completed, timeouts):
    if completed == 0 and timeouts:
        inconclusive("timeout", "no call returned within %ss" % CONFIG["call_timeout_secs"])
    emit({"verdict": "not_reproduced", "tried": list(tried.values())})


try:
    main()
except SystemExit:
    raise
except BaseException as exc:
    inconclusive("harness_error", "%s: %s" % (type(exc).__name__, exc))
