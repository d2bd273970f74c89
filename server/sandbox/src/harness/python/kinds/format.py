# Kind `format` (CWE-134, format-string injection): payloads with replacement fields that
# reach into attributes (`{0.__class__.__mro__}`, `{MARK.__class__}`, `%(MARK)s`).
# Confirmed when the field was evaluated: the result or output shows the attribute's value
# (`<class …>` right after the marker), or formatting failed looking the marker up as a field
# name or an argument index — which only happens when the input is the format string.
# Text passed as an argument to a fixed format string is printed verbatim instead.


def _format_evidence(result, error, output):
    texts = [output]
    if isinstance(result, (str, bytes)):
        texts.append(_text(result))
    elif result is not None:
        try:
            texts.append(repr(result))
        except Exception:
            pass
    texts += [event["call"] for event in State.events]
    for text in texts:
        at = text.find(MARK + "(<class ")
        at = at if at >= 0 else text.find(MARK + "<class ")
        if at >= 0:
            return "the field's attributes were read: `%s`" % text[at : at + 160]
    if error:
        if re.search(r"KeyError: '%s'" % MARK, error):
            return "formatting looked up the field `%s` the input named (%s)" % (MARK, error[:160])
        if re.search(r"Replacement index \d+ out of range|IndexError: tuple index out of range", error):
            return "formatting looked up the argument index the input named (%s)" % error[:160]
    return None


def _judge_format(result, error, output):
    happened = _format_evidence(result, error, output)
    if happened:
        return "str.format / %", (error or output or _text(result))[:500], happened
    return None


KINDS["format"] = Kind(
    "format",
    payloads=lambda: [
        "%s{0.__class__.__mro__}" % MARK,
        "%s{%s.__class__}" % (MARK, MARK),
        "%s%%(%s)s" % (MARK, MARK),
    ],
    judge=_judge_format,
    what="format fields reaching into attributes; watched the result, output and formatting errors",
)
