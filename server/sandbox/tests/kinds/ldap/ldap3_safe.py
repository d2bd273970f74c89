# verify: member_of CWE-90
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars


def member_of(user, group):
    conn = Connection(Server("ldap://directory.example"), auto_bind=True)
    flt = "(&(cn=%s)(member=uid=%s))" % (escape_filter_chars(group), escape_filter_chars(user))
    conn.search("dc=example", flt)
    return conn.entries
