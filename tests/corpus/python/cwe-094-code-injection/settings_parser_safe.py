"""Parse `key = value` overrides passed on the command line."""
import ast
import sys


def parse_overrides(pairs):
    result = {}
    for pair in pairs:
        key, _, raw = pair.partition("=")
        try:
            # literals only: numbers, strings, lists, dicts, tuples, booleans
            # expect-not: CWE-95
            result[key.strip()] = ast.literal_eval(raw.strip())
        except (ValueError, SyntaxError):
            result[key.strip()] = raw.strip()
    return result


if __name__ == "__main__":
    print(parse_overrides(sys.argv[1:]))
