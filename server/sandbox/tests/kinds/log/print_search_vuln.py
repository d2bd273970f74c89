# verify: search CWE-117
def search(term):
    print("search: " + term)
    return []
