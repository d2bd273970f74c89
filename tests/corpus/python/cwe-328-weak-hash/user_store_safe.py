import hashlib
import hmac
import os
import sqlite3

ITERATIONS = 600_000


class UserStore:
    def __init__(self, path="users.db"):
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, salt BLOB, pw BLOB)")

    def create(self, name: str, password: str) -> None:
        salt = os.urandom(16)
        # expect-not: CWE-328
        digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, ITERATIONS)
        self.db.execute("INSERT INTO users VALUES (?, ?, ?)", (name, salt, digest))
        self.db.commit()

    def verify(self, name: str, password: str) -> bool:
        row = self.db.execute("SELECT salt, pw FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            return False
        candidate = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), row[0], ITERATIONS)
        return hmac.compare_digest(candidate, row[1])
