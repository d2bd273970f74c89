# Part 2 of the Python harness (parts are concatenated in order; see prelude.py):
# stubs that stand in for missing third-party modules.

# ---------------------------------------------------------------- stubs and fakes


EMPTY_LOOKUPS = {"first", "last", "one_or_none", "scalar", "fetchone", "get_or_none", "first_or_none"}
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
        # What the code hands to a stubbed module (a code to an SMS gateway, a row to a
        # database) is part of what it produced.
        if State.armed:
            try:
                record(self._stub_name, "stubcall", repr(args)[:300])
            except Exception:
                pass
        # ORM and driver methods that take raw SQL (Django's .raw/.extra, SQLAlchemy's
        # text/execute, any driver's execute) are sinks even on a stub.
        method = self._stub_name.rsplit(".", 1)[-1]
        if method in SQL_METHODS and args and isinstance(args[0], str):
            record(self._stub_name, "sql", args[0])
        # A stubbed database is empty: single-row lookups find nothing.
        if method in EMPTY_LOOKUPS:
            return None
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
