import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext


class BuildWithVersion(build_ext):
    def run(self):
        # stamp the git revision into the package so bug reports identify the build
        try:
            # expect-not: malicious
            rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            rev = "unknown"
        Path("src/fastcsv/_build.py").write_text(f'REVISION = "{rev}"\n')
        super().run()


setup(
    name="fastcsv",
    version="0.9.0",
    package_dir={"": "src"},
    packages=["fastcsv"],
    cmdclass={"build_ext": BuildWithVersion},
)
