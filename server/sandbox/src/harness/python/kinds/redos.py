# Kind `redos` (CWE-1333/730): the regular expressions the function applies to its input are
# recorded (re.match/search/fullmatch/findall/finditer/sub/subn/split, and patterns the module
# compiled, through a recording proxy). A first call with a probe finds which patterns see the
# input and whether the input *is* a pattern (regex injection: the probe, a backtracking
# pattern, arrives unescaped). For each pattern that sees the input, pathological inputs are
# generated — a literal prefix of the pattern, a pumped character, a character that makes the
# match fail — and timed directly with a CPU clock as they grow, until one takes 30 ms; then
# the function itself is called with that input at the last sizes. Confirmed when the
# function's CPU time grows super-linearly with the input's length (the timings are in the
# evidence). Linear-time patterns never reach 30 ms within the lengths tried (up to 8 Ki).

import re as _re_module

_REGEX_FUNCTIONS = ("match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split")
_real_re = {name: getattr(_re_module, name) for name in _REGEX_FUNCTIONS + ("compile",)}
REDOS_SLOW_SECS = 0.03
REDOS_PROBE = MARK + "(a|aa)+$"


def _pattern_text(pattern):
    pattern = getattr(pattern, "_bc_real", pattern)
    return pattern.pattern if hasattr(pattern, "pattern") else pattern


def _note_regex(sink, pattern, subject, flags=0):
    if State.armed and isinstance(subject, (str, bytes)):
        real = getattr(pattern, "_bc_real", pattern)
        text = _pattern_text(real)
        if isinstance(text, bytes):
            return
        record(sink, "redos", text, subject=_text(subject)[:4000], flags=getattr(real, "flags", flags))


class RecordingPattern:
    """A compiled pattern of the module under test: every match is recorded."""

    def __init__(self, real):
        object.__setattr__(self, "_bc_real", real)

    def __getattr__(self, name):
        attribute = getattr(self._bc_real, name)
        if name in _REGEX_FUNCTIONS:
            def method(*args, **kwargs):
                subject = args[1] if name in ("sub", "subn") and len(args) > 1 else (args[0] if args else kwargs.get("string"))
                _note_regex("re.Pattern." + name, self._bc_real, subject)
                return attribute(*args, **kwargs)

            return method
        return attribute


def _module_function(name):
    real = _real_re[name]

    def call(pattern, *args, **kwargs):
        subject = args[1] if name in ("sub", "subn") and len(args) > 1 else (args[0] if args else kwargs.get("string"))
        _note_regex("re." + name, pattern, subject, kwargs.get("flags", 0))
        return real(getattr(pattern, "_bc_real", pattern), *args, **kwargs)

    return call


def _compile(pattern, flags=0):
    compiled = _real_re["compile"](getattr(pattern, "_bc_real", pattern), flags)
    caller = sys._getframe(1).f_code.co_filename
    if State.armed and isinstance(pattern, str):
        record("re.compile", "redos", pattern, subject="", flags=flags)
    if caller.startswith(os.path.join(WORK, "bluecode_app")):
        return RecordingPattern(compiled)
    return compiled


for _name in _REGEX_FUNCTIONS:
    setattr(_re_module, _name, _module_function(_name))
_re_module.compile = _compile


def _cpu_time(action):
    """CPU seconds `action` takes (a hung match counts as 1 s)."""
    started = time.process_time()
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        action()
    except CallTimeout:
        return 1.0
    except Exception:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.process_time() - started


def _lengths():
    return list(range(8, 32, 2)) + [48, 64, 128, 256, 512, 1024, 2048, 4096, 8192]


def _matcher(compiled, sink):
    """The same kind of matching the code did: fullmatch and match anchor, the rest search."""
    for name in ("fullmatch", "match"):
        if sink.endswith("." + name):
            return getattr(compiled, name)
    return compiled.search


def _grow(compiled, build, sink="re.search"):
    """[(n, seconds)] as `build(n)` grows, up to the first run slower than the threshold;
    None when it never gets slow."""
    series = []
    match = _matcher(compiled, sink)
    for n in _lengths():
        subject = build(n)
        seconds = _cpu_time(lambda: match(subject))
        series.append((n, seconds))
        if seconds >= REDOS_SLOW_SECS:
            return series
    return None


def _literal_prefix(pattern):
    prefix = ""
    for char in pattern.lstrip("^"):
        if char.isalnum() or char in " @:=/-_,;":
            prefix += char
        else:
            break
    return prefix


def _attack(pattern, flags, before, after, sink):
    """(prefix, pump, suffix, series) that makes `pattern` slow, or None."""
    try:
        compiled = _real_re["compile"](pattern, flags)
    except Exception:
        return None
    literals = [c for c in dict.fromkeys(pattern) if c.isalnum() or c in " .-_@:/,;="]
    pumps = list(dict.fromkeys(["a", "1", " "] + literals[:5]))
    prefixes = list(dict.fromkeys(["", _literal_prefix(pattern)]))
    for prefix in prefixes:
        for pump in pumps:
            for suffix in ("!", "\n"):
                build = lambda n: before + prefix + pump * n + suffix + after
                series = _grow(compiled, build, sink)
                if series and len(series) >= 2:
                    return prefix, pump, suffix, series
    return None


def _ms(seconds):
    return "%.1f ms" % (seconds * 1000)


def _super_linear(points):
    (n1, t1), (n2, t2) = points[0], points[-1]
    return t2 >= REDOS_SLOW_SECS * 0.66 and t2 / max(t1, 0.0005) > 1.5 * (n2 / n1)


def _drive_redos(ctx, kind):
    for target in ctx.inputs:
        if ctx.over_budget():
            return
        result, error, output = ctx.call(target, REDOS_PROBE)
        entry = ctx.attempt(kind, target)
        events = [e for e in State.events if e["kind"] == "redos"]
        injected = next((e for e in events if REDOS_PROBE in e["call"]), None)
        if injected is not None:
            compiled = _real_re["compile"](injected["call"], injected.get("flags", 0))
            series = _grow(compiled, lambda n: MARK + "a" * n + "!", injected["sink"])
            if series and _super_linear(series[-3:]):
                timings = ", ".join("n=%d: %s" % (n, _ms(t)) for n, t in series[-3:])
                happened = "the input became the regular expression `%s` unescaped; matching it against `%sa…a!` took %s" % (
                    injected["call"][:120], MARK, timings)
                ctx.confirm(kind, target, REDOS_PROBE, (injected["sink"], injected["call"], happened), output)
        seen = {}
        for event in events:
            subject = event.get("subject", "")
            if REDOS_PROBE in subject and event["call"] not in seen:
                before, _, after = subject.partition(REDOS_PROBE)
                seen[event["call"]] = (event, before, after)
        measured = []
        for pattern, (event, before, after) in list(seen.items())[:4]:
            found = _attack(pattern, event.get("flags", 0), before, after, event["sink"])
            if found is None:
                measured.append("`%s`: no input up to 8 Ki characters took %s" % (pattern[:60], _ms(REDOS_SLOW_SECS)))
                continue
            prefix, pump, suffix, series = found
            sizes = [n for n, _ in series[-3:]]
            points = []
            for n in sizes:
                attack = prefix + pump * n + suffix
                started = time.process_time()
                _, error, output = ctx.call(target, attack)
                seconds = time.process_time() - started
                points.append((len(attack), CONFIG["call_timeout_secs"] if error == "timeout" else seconds))
            ctx.attempt(kind, target, len(sizes))
            timings = ", ".join("%d chars: %s" % (n, _ms(t)) for n, t in points)
            if _super_linear(points):
                happened = "the function's time grew super-linearly with `%s` + `%s`×n + %r on the pattern `%s`: %s" % (
                    prefix, pump, suffix, pattern[:120], timings)
                ctx.confirm(kind, target, prefix + pump * sizes[-1] + suffix, (event["sink"], pattern, happened), "")
            measured.append("`%s`: the function stayed fast (%s)" % (pattern[:60], timings))
        if not seen and injected is None:
            measured.append("the input reached no regular expression")
        entry["what"] = kind.what + "; " + "; ".join(measured)


KINDS["redos"] = Kind(
    "redos",
    drive=_drive_redos,
    reached=lambda events, output: any(e["kind"] == 'redos' for e in events),
    what="a backtracking pattern as input, then pathological inputs for each regex the input reached, timed as they grow",
)
