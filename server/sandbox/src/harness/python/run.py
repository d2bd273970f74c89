# Part 6 of the Python harness: calling, judging, loading the module, and main.

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
        html_body = isinstance(rendered, str) and not isinstance(rendered, JsonBody)
        if html_body and unescaped_html(rendered) and looks_like_web_output(rendered):
            return "html response", rendered[:500]
        event = _last(events, "xss", lambda e: unescaped_html(e["call"]))
        if event:
            return event["sink"], event["call"]
    return None


def unescaped_html(text):
    """Raw markup, or a javascript: URL as a link target (escaping does not stop that one)."""
    script_url = r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:%s""" % MARK
    return "<script>%s" % MARK in text or re.search(script_url, text, re.IGNORECASE) is not None


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


class Ctx:
    """What a kind needs to call the function: its inputs, one observed call with a payload
    in one input, and the bookkeeping of what was tried (for `not_reproduced`)."""

    def __init__(self, function, params, inputs, ambient_name):
        self.function = function
        self.params = params
        self.inputs = inputs
        self.ambient_name = ambient_name
        self.tried = {}
        self.timeouts = 0
        self.completed = 0
        # (cause, reason) of kinds that could not test anything (a library missing).
        self.undecided = []
        self.last_error = None

    def over_budget(self):
        return time.monotonic() - STARTED > CONFIG["budget_secs"]

    def target_name(self, target):
        return target.name if target is not None else self.ambient_name

    def call(self, target, payload):
        """Calls the function with `payload` in `target` (a parameter, or None for the
        request / input() / argv) and ordinary values elsewhere."""
        args, kwargs = [], {}
        for p in self.params:
            value = payload_for(p, payload) if (target is not None and p is target) else sensible_value(p)
            if p.kind == p.KEYWORD_ONLY:
                kwargs[p.name] = value
            else:
                args.append(value)
        real_input, real_argv = builtins.input, list(sys.argv)
        if target is None and payload is not None:
            text = _text(payload)
            builtins.input = lambda prompt="": text
            sys.argv = [CONFIG["module_file"], text]
        ambient_payload = payload if target is None else None
        try:
            result, error, output = call_observed(self.function, args, kwargs, ambient_payload)
        finally:
            builtins.input, sys.argv = real_input, real_argv
        self.last_error = error
        if error == "timeout":
            self.timeouts += 1
            note("a call did not return within %ss" % CONFIG["call_timeout_secs"])
            if self.timeouts >= 2 and self.completed == 0:
                inconclusive("timeout", "the function did not return within %ss" % CONFIG["call_timeout_secs"])
        else:
            self.completed += 1
            if error:
                note("the function raised %s" % error)
        return result, error, output

    def attempt(self, kind, target, count=1, output=""):
        """Records that `count` payloads of `kind` went into `target`, with the sinks the
        last call reached."""
        name = self.target_name(target)
        entry = self.tried.setdefault(
            (kind.name, name), {"kind": kind.name, "parameter": name, "payloads": 0, "sinks": [], "what": kind.what}
        )
        entry["payloads"] += count
        if kind.reached is not None and kind.reached(State.events, output):
            entry["reached"] = True
        if environment_decided(self.last_error, State.events):
            entry["environment"] = True
        for event in State.events:
            if event["sink"] not in entry["sinks"] and event["sink"] != "compile" and event["kind"] != "stubcall":
                entry["sinks"].append(event["sink"])
        return entry

    def confirm(self, kind, target, payload, found, output, parameter=None):
        sink, call = found[0], found[1]
        happened = found[2] if len(found) > 2 else ""
        emit(
            {
                "verdict": "confirmed",
                "sink": sink,
                "kind": kind.name,
                "parameter": parameter or self.target_name(target),
                "payload": _text(payload) if not isinstance(payload, bytes) else repr(payload),
                "call": call,
                "output": output,
                "happened": happened,
            }
        )

    def try_payloads(self, kind):
        for payload in kind.payloads():
            for target in self.inputs:
                if self.over_budget():
                    note("time budget exhausted after %d calls" % State.calls)
                    return finish(self)
                result, error, output = self.call(target, payload)
                self.attempt(kind, target, output=output)
                found = kind.judge(result, error, output)
                if found:
                    self.confirm(kind, target, payload, found, output)


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
    wanted = set(CONFIG.get("parameters") or [])
    trusted = set(CONFIG.get("trusted_parameters") or [])
    inputs = [p for p in params if not is_connection(p) and not is_request(p) and p.name not in trusted]
    if wanted:
        # The finding's trace names its source parameters: a payload elsewhere proves
        # nothing about this finding.
        named = [p for p in inputs if p.name in wanted]
        inputs = named or inputs
    ambient = (
        bool(WEB_FRAMEWORK_USED)
        or any(is_request(p) for p in params)
        or re.search(r"\binput\s*\(|sys\.argv|argparse", CONFIG["module_source"])
    )
    web = bool(WEB_FRAMEWORK_USED) or any(is_request(p) for p in params)
    ambient_name = "request" if web else "sys.argv/input()"
    if ambient and ambient_name not in trusted and not (wanted and any(p.name in wanted for p in params)):
        inputs.append(None)  # None: the payload comes from request / input() / sys.argv
    kinds = [KINDS[name] for name in CONFIG.get("kinds") or list(KINDS) if name in KINDS]
    if not inputs and all(kind.needs_input for kind in kinds):
        inconclusive("no_input", "the function takes no input a payload could be put in")
    ctx = Ctx(function, params, inputs, ambient_name)
    for kind in kinds:
        if ctx.over_budget():
            note("time budget exhausted after %d calls" % State.calls)
            break
        if kind.needs_input and not inputs:
            continue
        if kind.drive is not None:
            kind.drive(ctx, kind)
        else:
            ctx.try_payloads(kind)
    return finish(ctx)


ENVIRONMENT_ERRORS = re.compile(
    r"^(FileNotFoundError|NotADirectoryError|IsADirectoryError|OSError|ConnectionError|ConnectionRefusedError|"
    r"TimeoutError|HttpError|URLError|gaierror|ModuleNotFoundError|ImportError|OperationalError)\b|network is disabled|[Ss]tub"
)


def environment_decided(error, events):
    """Whether the sandbox rather than the code may have decided how the call went: it failed
    on a missing file, the disabled network or a stub, or it consulted a stubbed module (an
    empty database) on the way."""
    if error == "timeout" or (error and ENVIRONMENT_ERRORS.search(error)):
        return True
    return any(event["kind"] == "stubcall" for event in events)


def finish(ctx):
    if ctx.completed == 0 and ctx.timeouts:
        inconclusive("timeout", "no call returned within %ss" % CONFIG["call_timeout_secs"])
    for name, kind in KINDS.items():
        attempts = [key for key, entry in ctx.tried.items() if key[0] == name]
        if kind.reached is None or not attempts or any(ctx.tried[key].get("reached") for key in attempts):
            continue
        if not any(ctx.tried[key].get("environment") for key in attempts):
            # The code itself returned or refused before the sink on every payload (an
            # allow-list, a validation error): the attack was tried and stopped.
            for key in attempts:
                ctx.tried[key]["what"] += "; no payload reached the sink: the function returned or refused first"
            continue
        for key in attempts:
            del ctx.tried[key]
        ctx.undecided.append(
            ("sink_not_reached", "no call reached a %s sink (%s): a guard the sandbox cannot satisfy, a stubbed "
             "database, a missing file or the disabled network ended them first" % (name, kind.what))
        )
    for entry in ctx.tried.values():
        entry.pop("reached", None)
        entry.pop("environment", None)
    if not ctx.tried and ctx.undecided:
        cause, reason = ctx.undecided[0]
        inconclusive(cause, reason)
    emit({"verdict": "not_reproduced", "tried": list(ctx.tried.values())})


try:
    main()
except SystemExit:
    raise
except BaseException as exc:
    inconclusive("harness_error", "%s: %s" % (type(exc).__name__, exc))
