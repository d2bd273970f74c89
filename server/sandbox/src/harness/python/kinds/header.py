# Kind `header` (CWE-113, response splitting): CR/LF payloads carrying a forged header line
# that starts with the marker. The web fakes (flask, django.http) return responses whose
# `headers` (and Django's response[...]) record every header set. Confirmed when the header
# block "Name: value" the application built holds a line starting with the marker: the
# application passed the line break on. Current Werkzeug and Django refuse such values at
# run time; older versions, raw WSGI and http.server do not, so the evidence says which
# value the application produced.


class RecordingHeaders(dict):
    def __setitem__(self, name, value):
        record("response.headers[%r]" % (name,), "header", "%s: %s" % (name, _text(value)))
        dict.__setitem__(self, name, value)

    def add(self, name, value, **params):
        self[name] = value

    set = add_header = add

    def setdefault(self, name, value=None):
        if name not in self:
            self[name] = value
        return dict.get(self, name)

    def extend(self, items=(), **kwargs):
        for name, value in dict(items, **kwargs).items():
            self[name] = value

    update = extend


def _with_headers(body):
    body = body if isinstance(body, (str, bytes)) else _text(body)
    base = HeaderBytes if isinstance(body, bytes) else HeaderBody
    return base(body)


class HeaderBody(HtmlBody):
    """A response body (text) with recorded headers; `response[name] = value` is Django's."""

    def __new__(cls, text=""):
        self = str.__new__(cls, text)
        self.headers = RecordingHeaders()
        self.status_code = 200
        return self

    def __setitem__(self, name, value):
        self.headers[name] = value

    def set_cookie(self, name, value="", *args, **kwargs):
        self.headers["Set-Cookie"] = "%s=%s" % (name, _text(value))


class HeaderBytes(bytes):
    def __new__(cls, data=b""):
        self = bytes.__new__(cls, data)
        self.headers = RecordingHeaders()
        self.status_code = 200
        return self

    __setitem__ = HeaderBody.__setitem__
    set_cookie = HeaderBody.set_cookie


def _headers_fake(factory):
    def build():
        module = factory()
        if module.__name__ == "flask":
            module.make_response = lambda body="", *args, **kwargs: _with_headers(body)
            module.Response = lambda body="", *args, **kwargs: _with_headers(body)
            real_send_file = module.send_file
            module.send_file = lambda *args, **kwargs: _with_headers(_safe_send(real_send_file, *args, **kwargs))
            module.redirect = lambda location, *args, **kwargs: _located(location)
        else:
            for name in ("HttpResponse", "HttpResponseNotFound", "HttpResponseBadRequest", "HttpResponseForbidden"):
                setattr(module, name, lambda content=b"", *args, **kwargs: _with_headers(_text(content)))
            module.HttpResponseRedirect = _located
        return module

    return build


def _safe_send(send, *args, **kwargs):
    try:
        return send(*args, **kwargs)
    except OSError:
        # The application's file does not exist in the sandbox; the headers still count.
        return b""


def _located(location):
    response = _with_headers("")
    response.headers["Location"] = location
    return response


FAKES["flask"] = _headers_fake(FAKES["flask"])
FAKES["django.http"] = _headers_fake(FAKES["django.http"])


def _judge_header(result, error, output):
    for event in State.events:
        if event["kind"] != "header":
            continue
        for line in re.split(r"\r\n|\r|\n", event["call"])[1:]:
            if line.startswith(MARK):
                return (
                    event["sink"],
                    event["call"],
                    "the header block carries a forged header line `%s` (CR/LF passed into the header value)" % line[:120],
                )
    return None


KINDS["header"] = Kind(
    "header",
    payloads=lambda: ["x\r\n%s-Injected: 1" % MARK, "x\n%s-Injected: 1" % MARK],
    judge=_judge_header,
    reached=lambda events, output: any(e["kind"] == 'header' for e in events),
    what="CR/LF payloads carrying a forged header; watched response headers, Location and cookies",
)
