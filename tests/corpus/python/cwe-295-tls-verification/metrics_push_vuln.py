"""Push job metrics to the Pushgateway behind the corporate proxy."""
import os

import httpx

# expect: CWE-295
client = httpx.Client(base_url=os.environ["PUSHGATEWAY_URL"], verify=False, timeout=5.0)


def push(job: str, metrics: dict[str, float]) -> None:
    body = "".join(f"{k} {v}\n" for k, v in metrics.items())
    client.post(f"/metrics/job/{job}", content=body).raise_for_status()
