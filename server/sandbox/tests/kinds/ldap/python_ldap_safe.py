# verify: lookup CWE-90
import ldap
from ldap.filter import escape_filter_chars


def lookup(uid):
    conn = ldap.initialize("ldap://directory.example")
    return conn.search_s("ou=people,dc=example", ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(uid))
