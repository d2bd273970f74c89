# Part 3 of the Python harness: light fakes of well-known modules that keep their sink
# semantics (web frameworks, templates, YAML, HTTP clients, database drivers).

class JsonBody(str):
    """A JSON response body: user text in it is data, not HTML (no XSS check)."""


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
    remote_addr = "203.0.113.7"
    host = "app.example"
    url = types.SimpleNamespace(path="/", query="", scheme="https", hostname="app.example")
    client = types.SimpleNamespace(host="203.0.113.7", port=50000)
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
    module.flash = flash
    module.Response = lambda body="", *args, **kwargs: body
    module.jsonify = lambda *args, **kwargs: JsonBody(json.dumps(args[0] if args else kwargs, default=str))
    module.redirect = lambda location, *args, **kwargs: location
    module.abort = lambda code=400, *args: (_ for _ in ()).throw(RuntimeError("abort(%s)" % code))
    return module


def flash(message, category="message"):
    """Flashed messages are rendered later without escaping when marked safe."""
    if isinstance(message, Markup):
        record("flask.flash(Markup)", "xss", str(message))


class HtmlBody(str):
    """An HTML response body."""


def _html_response(content=b"", *args, **kwargs):
    return HtmlBody(_text(content))


def fake_django_http():
    module = StubModule("django.http")
    WEB_FRAMEWORK_USED.append("django")
    for name in ("HttpResponse", "HttpResponseNotFound", "HttpResponseBadRequest", "HttpResponseForbidden",
                 "HttpResponseServerError", "HttpResponseNotAllowed"):
        setattr(module, name, _html_response)
    module.JsonResponse = lambda data, *args, **kwargs: JsonBody(json.dumps(data, default=str))
    module.Http404 = type("Http404", (Exception,), {})
    return module


def fake_django_html():
    module = StubModule("django.utils.html")
    module.escape = lambda value: Markup(_escape(value))
    module.format_html = lambda text, *args, **kwargs: Markup(
        text.format(*[_escape(a) for a in args], **{k: _escape(v) for k, v in kwargs.items()})
    )
    module.mark_safe = Markup
    return module


def fake_django_safestring():
    module = StubModule("django.utils.safestring")
    module.mark_safe = Markup
    module.SafeString = Markup
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
    "django.http": fake_django_http,
    "django.utils.html": fake_django_html,
    "django.utils.safestring": fake_django_safestring,
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
