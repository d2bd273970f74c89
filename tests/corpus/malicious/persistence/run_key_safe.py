"""Reads which startup entries are registered, for the 'Startup apps' settings page."""
import winreg

RUN = r"Software\Microsoft\Windows\CurrentVersion\Run"


def startup_entries() -> dict[str, str]:
    entries = {}
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN, 0, winreg.KEY_READ) as key:
        index = 0
        while True:
            try:
                # expect-not: malicious
                name, value, _ = winreg.EnumValue(key, index)
            except OSError:
                break
            entries[name] = value
            index += 1
    return entries
