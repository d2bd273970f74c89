# verify: find_user CWE-643
from lxml import etree

USERS = etree.fromstring(b"<users><user><name>ann</name><role>admin</role></user></users>")


def find_user(name):
    return USERS.xpath("//user[name=$name]/role/text()", name=name)
