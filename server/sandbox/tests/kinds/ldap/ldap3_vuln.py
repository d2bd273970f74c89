# verify: member_of CWE-90
from ldap3 import Connection, Server


def member_of(user, group):
    conn = Connection(Server("ldap://directory.example"), auto_bind=True)
    conn.search("dc=example", f"(&(cn={group})(member=uid={user}))")
    return conn.entries
