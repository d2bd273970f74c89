# verify: lookup CWE-90
import ldap


def lookup(uid):
    conn = ldap.initialize("ldap://directory.example")
    return conn.search_s("ou=people,dc=example", ldap.SCOPE_SUBTREE, "(uid=%s)" % uid)
