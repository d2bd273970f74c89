# bluecode's built-in canary harness for Python, part 1 of 6 (prelude.py, stubs.py, fakes.py,
# importer.py, inputs.py, run.py: harness/mod.rs concatenates them in this order, with the
# selected kinds' files, kinds/NAME.py, between inputs.py and run.py).
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
