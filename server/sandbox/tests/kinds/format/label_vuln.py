# verify: label CWE-134
class Item:
    def __init__(self, name):
        self.name = name


def label(pattern):
    return pattern.format(Item("lamp"))
