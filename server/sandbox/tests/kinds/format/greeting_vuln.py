# verify: greeting CWE-134
def greeting(template, user):
    return template.format(user=user)
