# Kind `random` (CWE-338/330, predictable secrets): no payload. The `random` module's
# functions are wrapped to record which ones ran and how the code seeded them, and every
# Mersenne Twister generator seeded from the OS is reseeded by the harness instead. The
# function is called three times with ordinary arguments: twice after seeding with one
# value, once with another. Confirmed when `random` produced something during the calls and
# the two equally seeded calls returned (or printed) the same value — the secret follows
# from the generator's state, which an attacker can recover or guess — while the third
# differs, or the code seeded the generator itself. `secrets`, `os.urandom` and
# SystemRandom are not affected by reseeding, so their output differs and nothing is
# confirmed.

import random as _random_module

RANDOM_SEEDS = (1234, 1234, 98765)
_random_state = {"forced": None, "code_seeds": []}
_real_random_seed = _random_module.Random.seed


def _forced_seed(self, a=None, version=2):
    if State.armed and a is not None:
        _random_state["code_seeds"].append(repr(a)[:60])
    if a is None and _random_state["forced"] is not None:
        a = _random_state["forced"]
    return _real_random_seed(self, a, version)


_random_module.Random.seed = _forced_seed

for _name in ("random", "randint", "randrange", "choice", "choices", "sample", "getrandbits", "shuffle",
              "uniform", "randbytes", "seed"):
    _real = getattr(_random_module, _name, None)
    if _real is None:
        continue

    def _recorded(*args, _real=_real, _sink="random." + _name, **kwargs):
        record(_sink, "random", _sink)
        return _real(*args, **kwargs)

    setattr(_random_module, _name, _recorded)

for _name in ("random", "getrandbits", "randbytes"):
    _real = getattr(_random_module.SystemRandom, _name, None)
    if _real is None:
        continue

    def _system(self, *args, _real=_real, _sink="SystemRandom." + _name, **kwargs):
        record(_sink + " (CSPRNG)", "random", _sink)
        return _real(self, *args, **kwargs)

    setattr(_random_module.SystemRandom, _name, _system)

_real_urandom = os.urandom


def _recorded_urandom(size):
    record("os.urandom (CSPRNG)", "random", "os.urandom(%d)" % size)
    return _real_urandom(size)


os.urandom = _recorded_urandom
_real_random_init = _random_module.Random.__init__


def _recorded_init(self, x=None):
    if State.armed and type(self) is not _random_module.SystemRandom:
        record("random.Random()", "random", "random.Random(%r)" % (x,))
    _real_random_init(self, x)


_random_module.Random.__init__ = _recorded_init


def _observed(result, output):
    try:
        shown = repr(result)
    except Exception:
        shown = ""
    handed = [e["call"] for e in State.events if e["kind"] == "stubcall"]
    return shown + "\n" + output + "\n" + "\n".join(handed)


def _drive_random(ctx, kind):
    seen, sinks = [], []
    for seed in RANDOM_SEEDS:
        _random_state["forced"] = seed
        _random_module.seed(seed)
        result, error, output = ctx.call(None, None)
        _random_state["forced"] = None
        seen.append(_observed(result, output))
        for event in State.events:
            if event["kind"] == "random" and event["sink"] not in sinks and "CSPRNG" not in event["sink"]:
                sinks.append(event["sink"])
        entry = ctx.attempt(kind, None)
        entry["parameter"] = "(none: the secret's source)"
    code_seeded = bool(_random_state["code_seeds"])
    produced = seen[0].strip() not in ("", "None")
    if sinks and produced and seen[0] == seen[1] and (seen[0] != seen[2] or code_seeded):
        seeding = (
            "the code seeded it with %s" % ", ".join(sorted(set(_random_state["code_seeds"])))
            if code_seeded
            else "reseeded with %d before each call" % RANDOM_SEEDS[0]
        )
        happened = "%s (Mersenne Twister, not a CSPRNG) produced the value: %s, the function returned the same `%s` twice%s" % (
            ", ".join(sinks),
            seeding,
            seen[0].strip()[:80],
            "" if code_seeded else " and something else with seed %d" % RANDOM_SEEDS[2],
        )
        ctx.confirm(kind, None, "(none)", (sinks[0], seen[0][:300], happened), "", parameter="(none: the secret's source)")


KINDS["random"] = Kind(
    "random",
    drive=_drive_random,
    reached=lambda events, output: any(e["kind"] == 'random' for e in events),
    needs_input=False,
    what="three calls with the random module reseeded (1234, 1234, 98765); compared what the function returned and printed",
)
