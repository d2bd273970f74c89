# verify: greeting CWE-134
from string import Template


def greeting(template, user):
    return Template(template).safe_substitute(user=user)
