# verify: label CWE-134
class Item:
    def __init__(self, name):
        self.name = name


def label(pattern):
    return "{0.name}: {1}".format(Item("lamp"), pattern)
