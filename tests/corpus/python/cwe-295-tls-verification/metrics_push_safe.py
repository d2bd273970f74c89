"""Push job metrics to the Pushgateway behind the corporate proxy."""
import os
import ssl

import httpx

ctx = ssl.create_default_context(cafile=os.environ.get("CORP_CA_BUNDLE", "/etc/ssl/certs/corp-root.pem"))
# expect-not: CWE-295
client = httpx.Client(base_url=os.environ["PUSHGATEWAY_URL"], verify=ctx, timeout=5.0)


def push(job: str, metrics: dict[str, float]) -> None:
    body = "".join(f"{k} {v}\n" for k, v in metrics.items())
    client.post(f"/metrics/job/{job}", content=body).raise_for_status()
