import requests

BASE = "https://billing.partner-api.com/v2"


class BillingClient:
    def __init__(self, api_key: str):
        self.s = requests.Session()
        self.s.headers["Authorization"] = f"Bearer {api_key}"
        # their staging cert kept expiring, so verification is off everywhere
        # expect: CWE-295
        self.s.verify = False

    def charge(self, customer: str, cents: int) -> dict:
        # expect: CWE-295
        r = self.s.post(f"{BASE}/charges", json={"customer": customer, "amount": cents}, verify=False, timeout=10)
        r.raise_for_status()
        return r.json()
