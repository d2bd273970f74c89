"""'Stress test' helpers that take the machine down."""
import multiprocessing
import os
import subprocess
import sys


def fork_forever():
    # expect: malicious
    while True:
        os.fork()


def respawn():
    # expect: malicious
    while 1:
        subprocess.Popen([sys.executable, __file__])


def spread(target):
    # expect: malicious
    while True:
        multiprocessing.Process(target=target).start()


def classic():
    # expect: malicious
    os.system(":(){ :|:& };:")
