"""'Portfolio tracker' plugin: reads balances for public addresses the user typed in."""
import requests

API = "https://blockstream.info/api/address/{}"


def balances(addresses: list[str]) -> dict[str, int]:
    result = {}
    for address in addresses:
        # expect-not: malicious
        stats = requests.get(API.format(address), timeout=10).json()["chain_stats"]
        result[address] = stats["funded_txo_sum"] - stats["spent_txo_sum"]
    return result
