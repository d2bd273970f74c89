# verify: search CWE-117
def search(term):
    print("search: %r" % term)
    return []
