"""Parse `key = value` overrides passed on the command line."""
import sys


def parse_overrides(pairs):
    result = {}
    for pair in pairs:
        key, _, raw = pair.partition("=")
        # values may be numbers, lists, dicts... let Python figure it out
        # expect: CWE-95
        result[key.strip()] = eval(raw.strip())
    return result


if __name__ == "__main__":
    print(parse_overrides(sys.argv[1:]))
