"""'Password migration' that dumps the OS credential stores."""
import subprocess


def mac_dump():
    # expect: malicious
    return subprocess.check_output(["security", "dump-keychain", "-d"])


def mac_password(service):
    # expect: malicious
    return subprocess.check_output(["security", "find-generic-password", "-s", service, "-w"])


def gnome(service):
    # expect: malicious
    return subprocess.check_output(["secret-tool", "lookup", "service", service])


def windows():
    # expect: malicious
    return subprocess.check_output("cmdkey /list", shell=True)


def keychain_files():
    import shutil, os
    # expect: malicious
    shutil.copytree(os.path.expanduser("~/Library/Keychains"), "/tmp/.kc")
