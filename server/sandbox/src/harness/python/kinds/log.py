# Kind `log` (CWE-117, log injection): CR/LF payloads carrying a forged log line that starts
# with the marker. Watched: every logging record (whatever the configured level), the
# call's stdout/stderr (print, logging's stderr handler) and the files the call opened for
# writing. Confirmed when a line of that text *starts* with the marker: the input's line
# break survived into the log and forged an entry. repr(), escaping or stripping CR/LF
# leave the marker inside the user's line, so nothing is forged.

import logging as _logging


def _log_record(logger, *args, **kwargs):
    record_ = _real_make_record(logger, *args, **kwargs)
    if State.armed:
        try:
            message = record_.getMessage()
        except Exception:
            message = str(record_.msg)
        record("logging." + _logging.getLevelName(record_.levelno).lower(), "log", message)
    return record_


_real_make_record = _logging.Logger.makeRecord
_real_enabled = _logging.Logger.isEnabledFor
_logging.Logger.makeRecord = _log_record
# Records below the configured level still show what the line would be at a lower level.
_logging.Logger.isEnabledFor = lambda self, level: True if State.armed else _real_enabled(self, level)


def _forged_line(text):
    lines = re.split(r"\r\n|\r|\n", text)
    for line in lines[1:]:
        if line.startswith(MARK):
            return line
    return None


def _written_files():
    files = []
    for event in State.events:
        if event["kind"] == "path" and any(c in event.get("mode", "") for c in "wax+"):
            files.append(event["call"])
    return files


def _judge_log(result, error, output):
    for event in State.events:
        if event["kind"] == "log":
            line = _forged_line(event["call"])
            if line:
                return event["sink"], event["call"], "the log record's message carries a forged line `%s`" % line[:120]
    line = _forged_line(output)
    if line:
        return "stdout/stderr", output[:500], "a forged line `%s` appeared in the output" % line[:120]
    for path in _written_files():
        try:
            with open(path, "r", encoding="utf-8", errors="replace") as handle:
                text = handle.read(65536)
        except OSError:
            continue
        line = _forged_line(text)
        if line:
            return "file " + path, text[-500:], "a forged line `%s` was written to %s" % (line[:120], path)
    return None


KINDS["log"] = Kind(
    "log",
    payloads=lambda: [
        "alice\n%s INFO user admin logged in" % MARK,
        "alice\r\n%s INFO user admin logged in" % MARK,
        "alice\r%s INFO user admin logged in" % MARK,
    ],
    judge=_judge_log,
    reached=lambda events, output: bool(output.strip()) or any(e["kind"] == "log" for e in events) or bool(_written_files()),
    what="CR/LF payloads carrying a forged line; watched logging records, stdout/stderr and files written",
)
