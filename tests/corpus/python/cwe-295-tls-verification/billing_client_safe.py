import os

import requests

BASE = "https://billing.partner-api.com/v2"
PARTNER_CA = os.environ.get("PARTNER_CA_BUNDLE", "/etc/ssl/certs/partner-ca.pem")


class BillingClient:
    def __init__(self, api_key: str):
        self.s = requests.Session()
        self.s.headers["Authorization"] = f"Bearer {api_key}"

    def charge(self, customer: str, cents: int) -> dict:
        # pinned to the partner's CA bundle instead of the system store
        # expect-not: CWE-295
        r = self.s.post(f"{BASE}/charges", json={"customer": customer, "amount": cents}, verify=PARTNER_CA, timeout=10)
        r.raise_for_status()
        return r.json()
