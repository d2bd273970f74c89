# Part 4 of the Python harness: the import hook that serves stubs and fakes.

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
