"""setup.py for a small utility package with compiled translations."""
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithTranslations(build_py):
    def run(self):
        for po in Path("src/textkit/locale").glob("*/LC_MESSAGES/*.po"):
            # compile .po catalogs shipped in this repository into .mo files
            # expect-not: malicious
            subprocess.run(["msgfmt", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
        super().run()


setup(
    name="textkit",
    version="1.4.0",
    package_dir={"": "src"},
    packages=["textkit"],
    package_data={"textkit": ["locale/*/LC_MESSAGES/*.mo"]},
    cmdclass={"build_py": BuildWithTranslations},
)
