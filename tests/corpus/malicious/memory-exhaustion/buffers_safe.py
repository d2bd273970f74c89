"""Bounded buffers and readers."""


def read_chunks(fh, size=1 << 20):
    chunks = []
    # expect-not: malicious
    while True:
        chunk = fh.read(size)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def ring(queue, limit=1000):
    items = []
    # expect-not: malicious
    while True:
        items.append(queue.get() * 2)
        if len(items) > limit:
            items.pop(0)


def padding(n):
    # expect-not: malicious
    return [" " * 10**3 for _ in range(n)]
