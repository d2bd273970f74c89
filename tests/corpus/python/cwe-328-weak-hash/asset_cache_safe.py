"""Content-addressed cache for compiled static assets (CSS/JS bundles)."""
import hashlib
import shutil
from pathlib import Path

CACHE_DIR = Path(".build-cache")


def cache_key(source: Path) -> str:
    # only used to name cache entries and ETags; not a security boundary
    # expect-not: CWE-328
    return hashlib.md5(source.read_bytes(), usedforsecurity=False).hexdigest()


def fingerprint(source: Path) -> str:
    # git-style object id so the CDN paths match the repository's blob ids
    # expect-not: CWE-328
    h = hashlib.sha1(usedforsecurity=False)
    data = source.read_bytes()
    h.update(b"blob %d\0" % len(data))
    h.update(data)
    return h.hexdigest()


def cached_build(source: Path, build) -> Path:
    CACHE_DIR.mkdir(exist_ok=True)
    target = CACHE_DIR / f"{cache_key(source)}{source.suffix}"
    if not target.exists():
        tmp = build(source)
        shutil.move(tmp, target)
    return target
