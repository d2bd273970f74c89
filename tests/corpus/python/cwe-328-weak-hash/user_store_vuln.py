import hashlib
import sqlite3


class UserStore:
    def __init__(self, path="users.db"):
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, pw TEXT)")

    def create(self, name: str, password: str) -> None:
        # expect: CWE-328
        digest = hashlib.md5(password.encode("utf-8")).hexdigest()
        self.db.execute("INSERT INTO users VALUES (?, ?)", (name, digest))
        self.db.commit()

    def verify(self, name: str, password: str) -> bool:
        row = self.db.execute("SELECT pw FROM users WHERE name = ?", (name,)).fetchone()
        # expect: CWE-328
        return row is not None and row[0] == hashlib.md5(password.encode("utf-8")).hexdigest()
