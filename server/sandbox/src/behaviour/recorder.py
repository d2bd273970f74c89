# bluecode behaviour recorder (Python): runs a module, or one function of it, and records
# what it *tried* — files opened, processes spawned, sockets connected, names resolved, URLs
# fetched, signals sent, environment read, files deleted, code executed. Nothing leaves:
# spawns, signals and deletes outside the project are blocked after being recorded; every
# outgoing connection is redirected to a local listener; fetches get a decoy answer; the
# home directory is a throw-away one full of decoy secrets. Prints one marked JSON line.
import base64
import builtins
import errno
import hashlib
import inspect
import io
import json
import os
import pathlib
import re
import socket
import sys
import threading
import time
import types

CONFIG = json.loads("__BLUECODE_CONFIG__")
HOME = "/work/home"
PROJECT = "/work/project"
DECOY_DIR = "/work/.decoys"
# Valid base64 and a valid Python expression: a decoded or executed download gets further.
DECOY_BODY = b"Ymx1ZWNvZGUx"
MAX_EVENTS = 200
# Processes one run may try to start before it counts as multiplying without bound.
PROCESS_LIMIT = 64
# What the recorder "types" into a keyboard hook; data sent out that contains it carries
# the keystrokes.
TYPED_KEYS = "pw4bluecode"
# The placeholder string argument; a file of that name exists in the project, so code that
# copies or reads "its input" gets further.
PLACEHOLDER = "bluecode"
# A path argument for a function that wanted a file where it was given the project directory.
PLACEHOLDER_FILE = "/work/project/bluecode.dat"
SPAWNS = [0]
# What the local listener (the attacker's end) sends to a connection that says nothing.
REMOTE_COMMAND = b"echo bluecode-remote-command\n"
OUT = os.dup(1)
EVENTS = []
SEEN = set()
ARMED = [False]
NOTES = []
MODULE_PATH = [""]
# Reads the interpreter itself makes (imports) are not behaviour.
IGNORED_PREFIXES = ("/usr/lib/", "/usr/local/lib/", "/usr/share/", "/proc/self/", "/dev/")


def record(kind, target, extra=""):
    if not ARMED[0]:
        return
    if kind == "spawn":
        SPAWNS[0] += 1
        if SPAWNS[0] == PROCESS_LIMIT:
            record("limit", "processes", "%d processes started" % PROCESS_LIMIT)
    key = (kind, str(target)[:300], str(extra)[:120])
    if key in SEEN or len(EVENTS) >= MAX_EVENTS:
        return
    SEEN.add(key)
    EVENTS.append({"kind": kind, "target": key[1], "extra": key[2]})


class Blocked(PermissionError):
    pass


# Texts the module's code decoded at run time (base64, hex, rot13, zlib…), to tell a command
# that was hidden from one written out.
DECODED = []


def remember_decoded(how, value):
    if not ARMED[0] or len(DECODED) >= 100:
        return
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", "ignore")
    if isinstance(value, str) and len(value.strip()) >= 4:
        DECODED.append((how, value.strip()[:300]))


def decoded_in(command):
    """`decoded at run time (base64.b64decode)` when the command holds a decoded text."""
    for how, text in reversed(DECODED):
        if text in command:
            return "decoded at run time (%s)" % how
    return ""


def patch_decoders():
    import base64 as b64
    import binascii
    import codecs
    import zlib

    for module, names in (
        (b64, ("b64decode", "urlsafe_b64decode", "b32decode", "b16decode", "b85decode", "a85decode")),
        (binascii, ("unhexlify", "a2b_base64", "a2b_hex")),
        (codecs, ("decode",)),
        (zlib, ("decompress",)),
    ):
        for name in names:
            real = getattr(module, name, None)
            if real is None:
                continue

            def decoder(*args, _real=real, _how="%s.%s" % (module.__name__, name), **kwargs):
                result = _real(*args, **kwargs)
                remember_decoded(_how, result)
                return result

            setattr(module, name, decoder)


def _abs(path):
    try:
        return os.path.abspath(os.fsdecode(path))
    except Exception:
        return str(path)


# ------------------------------------------------------------- decoys and a throw-away home

DECOYS = {
    ".ssh/id_rsa": "-----BEGIN OPENSSH PRIVATE KEY-----\nbluecode-decoy-key\n-----END OPENSSH PRIVATE KEY-----\n",
    ".ssh/id_ed25519": "-----BEGIN OPENSSH PRIVATE KEY-----\nbluecode-decoy-ed25519\n-----END OPENSSH PRIVATE KEY-----\n",
    ".ssh/authorized_keys": "ssh-ed25519 AAAAbluecodedecoy user@host\n",
    ".aws/credentials": "[default]\naws_access_key_id = AKIABLUECODEDECOY\naws_secret_access_key = bluecode-decoy\n",
    ".netrc": "machine example.com login decoy password bluecode-decoy\n",
    ".git-credentials": "https://decoy:bluecode-decoy@github.com\n",
    ".pgpass": "localhost:5432:*:postgres:bluecode-decoy\n",
    ".docker/config.json": '{"auths": {"registry": {"auth": "Ymx1ZWNvZGU="}}}\n',
    ".kube/config": "apiVersion: v1\nusers: [{name: decoy, user: {token: bluecode-decoy}}]\n",
    ".config/google-chrome/Default/Login Data": "bluecode-decoy",
    ".mozilla/firefox/decoy.default/logins.json": '{"logins": []}',
    ".bitcoin/wallet.dat": "bluecode-decoy",
    ".bash_history": "ls\n",
    ".zsh_history": "ls\n",
    ".gnupg/pubring.kbx": "bluecode-decoy",
    ".electrum/wallets/default_wallet": "bluecode-decoy",
    ".config/Exodus/exodus.wallet/seed.seco": "bluecode-decoy",
    ".config/google-chrome/Default/Local Extension Settings/nkbihfbeogaeaoehlefnkodbefgpgknn/000003.log": "bluecode-decoy",
    "Library/Keychains/login.keychain-db": "bluecode-decoy",
    ".cache/.keep": "",
    "Documents/budget.xlsx": "bluecode-decoy",
    "Documents/contract.pdf": "bluecode-decoy",
    "Documents/letter.docx": "bluecode-decoy",
    "Pictures/holiday.jpg": "bluecode-decoy",
    "Pictures/scan.png": "bluecode-decoy",
    ".config/autostart/.keep": "",
    ".local/share/.keep": "",
    ".bashrc": "# decoy\n",
}
# System secrets the sandbox user cannot read: opened instead from a decoy copy.
SYSTEM_DECOYS = {
    "/etc/shadow": "root:$6$bluecode$decoy:19000:0:99999:7:::\n",
    "/etc/gshadow": "root:*::\n",
    "/etc/sudoers": "root ALL=(ALL) ALL\n",
}
SECRET_ENV = {
    "AWS_SECRET_ACCESS_KEY": "bluecode-decoy",
    "GITHUB_TOKEN": "ghp_bluecodedecoy",
    "NPM_TOKEN": "bluecode-decoy",
    "DATABASE_PASSWORD": "bluecode-decoy",
}


def plant_decoys():
    for rel, text in DECOYS.items():
        path = os.path.join(HOME, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write(text)
    for path, text in SYSTEM_DECOYS.items():
        copy = DECOY_DIR + path
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        with open(copy, "w") as fh:
            fh.write(text)
    os.makedirs(PROJECT, exist_ok=True)
    os.makedirs("/work/tmp", exist_ok=True)
    os.makedirs("/work/var/tmp", exist_ok=True)
    with open(os.path.join(PROJECT, PLACEHOLDER), "w") as fh:
        fh.write("bluecode placeholder input\n")
    os.environ["HOME"] = HOME
    os.environ.update(SECRET_ENV)
    os.chdir(PROJECT)


def decoy_path(path):
    """System secrets open from their decoy copies; /tmp and /var/tmp (read-only here) are
    under /work."""
    try:
        text = os.fsdecode(path)
    except Exception:
        return path
    if text in SYSTEM_DECOYS:
        return DECOY_DIR + text
    for temp in ("/tmp", "/var/tmp"):
        if text == temp or text.startswith(temp + "/"):
            return "/work" + text
    return path


# ------------------------------------------------------------------------ audit hook


def _mode_of(mode, flags):
    if isinstance(mode, str):
        return "w" if any(c in mode for c in "wax+") else "r"
    if isinstance(flags, int):
        return "w" if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC) else "r"
    return "r"


def _argv_text(args):
    if isinstance(args, (str, bytes)):
        return os.fsdecode(args)
    try:
        return " ".join(os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args)
    except TypeError:
        return str(args)


def _inside_project(path):
    path = _abs(path)
    return path == PROJECT or path.startswith(PROJECT + "/") or path.startswith(DECOY_DIR)


def audit(event, args):
    if not ARMED[0]:
        return
    if event == "open":
        path, mode, flags = (list(args) + [None, None, None])[:3]
        if isinstance(path, int) or path is None:
            return
        shown = _abs(path)
        if shown.startswith(IGNORED_PREFIXES) or shown == MODULE_PATH[0]:
            return
        if shown.startswith(DECOY_DIR + "/"):
            shown = shown[len(DECOY_DIR):]
        record("open", shown, _mode_of(mode, flags))
    elif event in ("subprocess.Popen", "os.posix_spawn", "os.exec"):
        argv = args[1] if len(args) > 1 else args[0]
        text = _argv_text(argv)
        record("spawn", text, decoded_in(text))
        raise Blocked("blocked by the bluecode sandbox: " + event)
    elif event == "os.system":
        text = _argv_text(args[0])
        record("spawn", "sh -c " + text, decoded_in(text))
        raise Blocked("blocked by the bluecode sandbox: os.system")
    elif event in ("os.kill", "os.killpg"):
        pid, sig = args[0], args[1]
        target = ("-" if event == "os.killpg" else "") + str(pid)
        record("signal", target, "self" if pid == os.getpid() else "signal %s" % sig)
        raise Blocked("blocked by the bluecode sandbox: " + event)
    elif event in ("os.remove", "os.rmdir", "shutil.rmtree", "os.truncate"):
        path = args[0]
        if isinstance(path, int):
            return
        record("delete", _abs(path), "recursive" if event == "shutil.rmtree" else event)
        # One file of the throw-away home may go (a decoy): code that deletes file after file
        # shows how many it reaches. Directories, trees and anything else are refused.
        if not _inside_project(path) and not (event == "os.remove" and _abs(path).startswith(HOME + "/")):
            raise Blocked("blocked by the bluecode sandbox: " + event)
    elif event == "os.rename":
        if not isinstance(args[0], int):
            record("rename", _abs(args[0]), _abs(args[1]))
    elif event == "os.chmod":
        if not isinstance(args[0], int):
            shown = _abs(args[0])
            if shown.startswith(DECOY_DIR + "/"):
                shown = shown[len(DECOY_DIR):]
            record("chmod", shown, oct(args[1]) if isinstance(args[1], int) else str(args[1]))
    elif event in ("exec", "compile"):
        # Only code the module under test executes: not the loader's, not a library's.
        caller = sys._getframe(1)
        if caller.f_code.co_filename != MODULE_PATH[0]:
            return
        source = args[0]
        if isinstance(source, (bytes, bytearray)):
            source = bytes(source).decode("utf-8", "replace")
        what = source if isinstance(source, str) else getattr(source, "co_filename", "code object")
        record("exec", str(what)[:120].replace("\n", " "), event)
    elif event in ("os.listdir", "os.scandir"):
        path = args[0] if args and args[0] is not None else "."
        if not isinstance(path, int):
            record("open", _abs(path), "list")


# ------------------------------------------------------------ patched functions (fakes)

_real_open = builtins.open
_real_io_open = io.open
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
_real_bind = socket.socket.bind
_real_listen = socket.socket.listen
_real_dup2 = os.dup2
_real_chmod = os.chmod
FAKE_ADDRESS = "198.51.100.7"
LISTENER = []


def patched_open(file, *args, **kwargs):
    return _real_io_open(decoy_path(file), *args, **kwargs)


def _is_local(host):
    return host in ("127.0.0.1", "localhost", "::1", "") or str(host).startswith("/")


def patched_connect(self, address):
    if isinstance(address, tuple) and not _is_local(address[0]):
        record("connect", "%s:%s" % (address[0], address[1]))
        if LISTENER and self.family == socket.AF_INET:
            return _real_connect(self, ("127.0.0.1", LISTENER[0]))
        raise ConnectionRefusedError("no network in the bluecode sandbox")
    return _real_connect(self, address)


def patched_bind(self, address):
    if isinstance(address, tuple) and len(address) >= 2:
        record("listen", "%s:%s" % (address[0], address[1]))
        if isinstance(address[1], int) and 0 < address[1] < 1024:
            # A privileged port cannot be bound here; any port serves the probe.
            address = (address[0], 0) + tuple(address[2:])
    return _real_bind(self, address)


def patched_listen(self, *args):
    result = _real_listen(self, *args)
    if ARMED[0] and self.family == socket.AF_INET:
        port = self.getsockname()[1]
        threading.Thread(target=_probe, args=(port,), daemon=True).start()
    return result


def _probe(port):
    """Connects to a server the code opened, as an attacker would, and sends a command."""
    try:
        conn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        _real_connect(conn, ("127.0.0.1", port))
        conn.sendall(REMOTE_COMMAND)
        conn.settimeout(1.0)
        conn.recv(1024)
    except OSError:
        pass


def patched_connect_ex(self, address):
    try:
        patched_connect(self, address)
        return 0
    except OSError as e:
        return e.errno or 111


def patched_getaddrinfo(host, port, *args, **kwargs):
    host_text = host.decode() if isinstance(host, bytes) else host
    if host_text is None or _is_local(host_text):
        return _real_getaddrinfo(host, port, *args, **kwargs)
    record("resolve", host_text)
    try:
        socket.inet_aton(host_text)
        address = host_text
    except OSError:
        address = FAKE_ADDRESS
    port_number = int(port) if isinstance(port, int) or (isinstance(port, str) and port.isdigit()) else 80
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port_number))]


def patched_dup2(fd, fd2, *args, **kwargs):
    if fd2 in (0, 1, 2):
        # Recorded, not done: the verdict line must still reach the real stdout.
        kind = "socket" if _is_socket(fd) else "file"
        record("dup2", "%s fd %d -> %s" % (kind, fd, ("stdin", "stdout", "stderr")[fd2]))
        return fd2
    return _real_dup2(fd, fd2, *args, **kwargs)


def _is_socket(fd):
    import stat

    try:
        return stat.S_ISSOCK(os.fstat(fd).st_mode)
    except OSError:
        return False


class FakeResponse(io.BytesIO):
    status = 200
    code = 200
    reason = "OK"
    headers = {}

    def __init__(self, url):
        super().__init__(DECOY_BODY)
        self.url = url

    def getcode(self):
        return 200

    def geturl(self):
        return self.url

    def info(self):
        return {}

    def getheader(self, name, default=None):
        return default


def patched_chmod(path, *args, **kwargs):
    return _real_chmod(decoy_path(path), *args, **kwargs)


def patched_makedirs(name, *args, **kwargs):
    return _real_makedirs(decoy_path(name), *args, **kwargs)


def patched_mkdir(path, *args, **kwargs):
    return _real_mkdir(decoy_path(path), *args, **kwargs)


_real_makedirs = os.makedirs
_real_mkdir = os.mkdir


def requests_fake():
    """`requests` when it is not installed: every request is recorded and answered."""
    module = types.ModuleType("requests")

    class Response:
        status_code = 200
        ok = True
        headers = {}
        content = DECOY_BODY
        text = DECOY_BODY.decode()

        def json(self):
            return {}

        def raise_for_status(self):
            return None

        def iter_content(self, *args, **kwargs):
            return iter([DECOY_BODY])

    def request(method, url, **kwargs):
        body = kwargs.get("data") or kwargs.get("json") or kwargs.get("files") or b""
        size = len(body if isinstance(body, (bytes, str)) else repr(body))
        sent = "%s %d bytes" % (method.upper(), size if body else 0)
        record("fetch", str(url), sent + _carried(url, kwargs))
        return Response()

    module.request = request
    for method in ("get", "post", "put", "patch", "delete", "head"):
        setattr(module, method, (lambda m: lambda url, *a, **k: request(m, url, **k))(method))

    class Session:
        def __init__(self, *args, **kwargs):
            self.headers = {}

        def request(self, method, url, **kwargs):
            return request(method, url, **kwargs)

        def __getattr__(self, method):
            return lambda url, *a, **k: request(method, url, **k)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    module.Session = module.session = Session
    module.RequestException = module.ConnectionError = module.Timeout = type("RequestException", (IOError,), {})
    module.exceptions = module
    return module


def patched_urlopen(url, data=None, *args, **kwargs):
    full = getattr(url, "full_url", url)
    body = data if data is not None else getattr(url, "data", None)
    method = getattr(url, "get_method", lambda: "POST" if body else "GET")()
    size = len(body) if isinstance(body, (bytes, bytearray, str)) else 0
    record("fetch", str(full), "%s %d bytes" % (method, size) + _carried(full, body))
    return FakeResponse(str(full))


def _carried(*sent):
    """`, carries the typed keys` when what is sent contains the decoy keystrokes."""
    return ", carries the typed keys" if any(TYPED_KEYS in repr(part) for part in sent) else ""


def patched_spawn(mode, file, args, *rest):
    record("spawn", _argv_text(args) or str(file))
    raise Blocked("blocked by the bluecode sandbox: os.spawn")


def patched_pty_spawn(argv, *args, **kwargs):
    record("spawn", _argv_text(argv))
    raise Blocked("blocked by the bluecode sandbox: pty.spawn")


def patched_fork():
    """Pretends to fork: the caller continues as the parent of a child that never ran."""
    record("spawn", "fork()")
    if SPAWNS[0] >= PROCESS_LIMIT:
        raise Blocked("blocked by the bluecode sandbox: too many forks")
    return 40000 + SPAWNS[0]


def patched_sleep(seconds):
    _real_sleep(min(max(seconds, 0), 0.05))


_real_sleep = time.sleep


def install_environ_recorder():
    environ_class = type(os.environ)
    real_getitem = environ_class.__getitem__
    real_iter = environ_class.__iter__

    def getitem(self, key):
        record("env", key)
        return real_getitem(self, key)

    def iterate(self):
        record("env", "*", "the whole environment")
        return real_iter(self)

    environ_class.__getitem__ = getitem
    environ_class.__iter__ = iterate


class FakeProcess:
    """A process of a psutil fake: the machine seems to run a few other programs."""

    def __init__(self, pid, name):
        self.pid = pid
        self.info = {"pid": pid, "name": name, "username": "root", "cmdline": [name]}

    def name(self):
        return self.info["name"]

    def _signal(self, sig):
        record("signal", str(self.pid), "self" if self.pid == os.getpid() else "%s (%s)" % (sig, self.name()))

    def kill(self):
        self._signal("SIGKILL")

    def terminate(self):
        self._signal("SIGTERM")

    def send_signal(self, sig):
        self._signal(sig)

    def children(self, recursive=False):
        return []

    def cmdline(self):
        return self.info["cmdline"]

    def username(self):
        return "root"


def psutil_fake():
    module = types.ModuleType("psutil")
    others = [FakeProcess(1, "systemd"), FakeProcess(311, "sshd"), FakeProcess(4242, "clamd")]
    module.process_iter = lambda *a, **k: iter(others + [FakeProcess(os.getpid(), "python3")])
    module.pids = lambda: [p.pid for p in others]
    module.Process = lambda pid=None: FakeProcess(os.getpid() if pid is None else pid, "python3")
    module.NoSuchProcess = module.AccessDenied = module.ZombieProcess = type("Error", (Exception,), {})
    return module


class KeyCode:
    """A key of the pynput fake: a character, or a named key (`Key.enter`)."""

    def __init__(self, char=None, name=None):
        self.char = char
        self.name = name or char
        self.vk = None

    @classmethod
    def from_char(cls, char):
        return cls(char)

    def __repr__(self):
        return repr(self.char) if self.char else "Key." + str(self.name)


class _KeyNames(type):
    def __getattr__(cls, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return KeyCode(None, name)


class Key(metaclass=_KeyNames):
    pass


class KeyboardListener:
    """pynput's keyboard listener: installing it is recorded, then the recorder types the
    decoy keys into its callbacks (from a thread of its own, as pynput does)."""

    def __init__(self, on_press=None, on_release=None, *args, **kwargs):
        self.on_press = on_press
        self.on_release = on_release
        self.running = False
        self._typist = None

    def describe(self):
        return "every key (pynput Listener)"

    def start(self):
        record("hook", "keyboard", self.describe())
        self.running = True
        self._typist = threading.Thread(target=self._type, daemon=True)
        self._typist.start()

    def _type(self):
        for key in [KeyCode(c) for c in TYPED_KEYS] + [KeyCode(None, "enter")]:
            for callback in (self.on_press, self.on_release):
                if callback is None:
                    continue
                try:
                    if callback(key) is False:
                        return
                except BaseException:  # the code under test may raise anything
                    return

    def run(self):
        self.start()

    def join(self, *args):
        if self._typist is not None:
            self._typist.join(1.0)

    def wait(self):
        pass

    def stop(self):
        self.running = False

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


class GlobalHotKeys(KeyboardListener):
    """A hotkey registration sees its combinations only: recorded, no keys typed."""

    def __init__(self, hotkeys, *args, **kwargs):
        super().__init__()
        self.hotkeys = dict(hotkeys) if isinstance(hotkeys, dict) else {}

    def describe(self):
        return "hotkeys " + ", ".join(map(str, self.hotkeys))

    def _type(self):
        pass


class MouseListener(KeyboardListener):
    def start(self):
        record("hook", "mouse", "every click (pynput Listener)")
        self.running = True


def pynput_fake(name):
    """`pynput` (not installed): listeners are recorded and fed decoy keys."""
    module = types.ModuleType(name)
    keyboard = types.ModuleType("pynput.keyboard")
    keyboard.Listener = KeyboardListener
    keyboard.GlobalHotKeys = GlobalHotKeys
    keyboard.Key = Key
    keyboard.KeyCode = KeyCode
    keyboard.HotKey = Stub("pynput.keyboard.HotKey")
    keyboard.Controller = Stub("pynput.keyboard.Controller")
    mouse = types.ModuleType("pynput.mouse")
    mouse.Listener = MouseListener
    mouse.Button = Key
    mouse.Controller = Stub("pynput.mouse.Controller")
    module.keyboard, module.mouse = keyboard, mouse
    return {"pynput": module, "pynput.keyboard": keyboard, "pynput.mouse": mouse}.get(name, module)


class Fernet:
    """`cryptography.fernet.Fernet` when the package is not installed: the same interface
    over a keyed XOR stream (no real encryption; the files are decoys), so code that
    encrypts files gets as far as it would with the real library."""

    def __init__(self, key):
        self._stream = hashlib.sha256(key if isinstance(key, bytes) else str(key).encode()).digest()

    @staticmethod
    def generate_key():
        return base64.urlsafe_b64encode(os.urandom(32))

    def _xor(self, data):
        return bytes(b ^ self._stream[i % 32] for i, b in enumerate(data))

    def encrypt(self, data):
        return b"gAAAAA" + base64.urlsafe_b64encode(self._xor(bytes(data)))

    def decrypt(self, token, ttl=None):
        return self._xor(base64.urlsafe_b64decode(bytes(token)[6:]))


def fernet_fake(name):
    module = types.ModuleType(name)
    module.__getattr__ = lambda attr: Stub(name + "." + attr)
    if name == "cryptography.fernet":
        module.Fernet = module.MultiFernet = Fernet
        module.InvalidToken = type("InvalidToken", (Exception,), {})
    return module


def patch_everything():
    import pty
    import shutil  # noqa: F401 (imported before the code runs, so its audit events fire)
    import urllib.request

    builtins.open = patched_open
    io.open = patched_open
    socket.socket.connect = patched_connect
    socket.socket.connect_ex = patched_connect_ex
    socket.socket.bind = patched_bind
    socket.socket.listen = patched_listen
    socket.getaddrinfo = patched_getaddrinfo
    os.dup2 = patched_dup2
    os.makedirs = patched_makedirs
    os.chmod = patched_chmod
    os.fork = patched_fork
    os.mkdir = patched_mkdir
    urllib.request.urlopen = patched_urlopen
    for name in ("spawnv", "spawnve", "spawnvp", "spawnvpe"):
        if hasattr(os, name):
            setattr(os, name, patched_spawn)
    pty.spawn = patched_pty_spawn
    time.sleep = patched_sleep
    install_environ_recorder()
    patch_decoders()
    sys.addaudithook(audit)


# ------------------------------------------------------------------ a local listener


def start_listener():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    LISTENER.append(server.getsockname()[1])

    def serve(conn):
        try:
            conn.settimeout(0.3)
            try:
                data = conn.recv(65536)
            except socket.timeout:
                data = b""
            if data[:4] in (b"GET ", b"POST", b"PUT ", b"HEAD"):
                conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(DECOY_BODY), DECOY_BODY))
            else:
                # The other end of a remote shell: send it a command.
                conn.sendall(REMOTE_COMMAND)
            _real_sleep(0.5)
        except OSError:
            pass
        finally:
            conn.close()

    def accept():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()


# ------------------------------------------------------------- import, call, report


class Stub:
    def __init__(self, name="stub"):
        self._name = name

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return Stub(self._name + "." + attr)

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and (inspect.isfunction(args[0]) or inspect.isclass(args[0])):
            return args[0]
        return Stub(self._name + "()")

    def __mro_entries__(self, bases):
        return (object,)

    def __iter__(self):
        return iter(())

    def __bool__(self):
        return False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class StubFinder:
    missing = set()

    @classmethod
    def find_spec(cls, fullname, path, target=None):
        import importlib.machinery

        if fullname.split(".")[0] not in cls.missing:
            return None
        return importlib.machinery.ModuleSpec(fullname, StubLoader(), is_package=True)


class StubLoader:
    def create_module(self, spec):
        if spec.name == "psutil":
            return psutil_fake()
        if spec.name == "requests":
            return requests_fake()
        if spec.name.split(".")[0] == "pynput":
            return pynput_fake(spec.name)
        if spec.name.split(".")[0] == "cryptography":
            return fernet_fake(spec.name)
        module = types.ModuleType(spec.name)
        module.__getattr__ = lambda attr: Stub(spec.name + "." + attr)
        return module

    def exec_module(self, module):
        module.__path__ = []


def load_module():
    name = CONFIG["module_file"].rsplit(".", 1)[0]
    path = os.path.join(PROJECT, CONFIG["module_file"])
    MODULE_PATH[0] = path
    with _real_open(path, "w") as fh:
        fh.write(CONFIG["module_source"])
    sys.path.insert(0, PROJECT)
    sys.meta_path.append(StubFinder)
    for fakeable in ("psutil", "requests", "pynput", "cryptography"):
        try:
            __import__(fakeable)
        except ImportError:
            StubFinder.missing.add(fakeable)
    for _ in range(25):
        module = types.ModuleType(name)
        module.__file__ = path
        if not CONFIG.get("function"):
            # A script runs as a script: its `if __name__ == "__main__"` block too.
            module.__dict__["__name__"] = "__main__"
        sys.modules[name] = module
        try:
            code = compile(CONFIG["module_source"], path, "exec")
            ARMED[0] = True
            exec(code, module.__dict__)
            return module
        except ModuleNotFoundError as e:
            ARMED[0] = False
            if not e.name or e.name.split(".")[0] in StubFinder.missing:
                raise
            StubFinder.missing.add(e.name.split(".")[0])
    raise ImportError("too many missing modules")


NUMBER_WORDS = {"port", "count", "num", "number", "size", "pid", "limit", "n", "times", "retries"}


def argument_for(parameter):
    if parameter.default is not inspect.Parameter.empty:
        return parameter.default
    value = _placeholder_for(parameter.name.lower())
    annotation = parameter.annotation
    annotation = getattr(annotation, "__name__", annotation)
    if annotation in ("Path", "PurePath", "PosixPath") and isinstance(value, str):
        return pathlib.Path(value)
    if annotation == "int" and isinstance(value, str):
        return 1
    return value


def _placeholder_for(name):
    words = [w.rstrip("s") if len(w) > 3 else w for w in re.split(r"[_\W]+", name) if w]
    if any(w in NUMBER_WORDS for w in words):
        return 1
    if name in ("root", "home", "top"):
        return HOME
    if "path" in name or "dir" in name or "file" in name:
        return PROJECT
    if "host" in name or "addr" in name:
        return "collector.example"
    if "url" in name:
        return "http://collector.example/x"
    return PLACEHOLDER


def call(target):
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return target()
    args, kwargs = [], {}
    for parameter in signature.parameters.values():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        value = argument_for(parameter)
        if parameter.kind == parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = value
        else:
            args.append(value)
    try:
        result = target(*args, **kwargs)
    except IsADirectoryError:
        # It wanted a file where it was given the project directory: once more with a file.
        if PROJECT not in args and PROJECT not in kwargs.values():
            raise
        args = [PLACEHOLDER_FILE if a == PROJECT else a for a in args]
        kwargs = {k: PLACEHOLDER_FILE if v == PROJECT else v for k, v in kwargs.items()}
        result = target(*args, **kwargs)
    if inspect.iscoroutine(result):
        import asyncio

        result = asyncio.run(result)
    if inspect.isgenerator(result):
        for _ in zip(range(1000), result):
            pass
    return result


def resolve(module, reference):
    parts = reference.split(".")
    owner = getattr(module, parts[0])
    if len(parts) == 1:
        return owner
    if inspect.isclass(owner):
        try:
            instance = owner()
        except Exception:
            instance = object.__new__(owner)
        return getattr(instance, parts[1])
    return getattr(owner, parts[1])


def call_every_function(module):
    """A script's risky code often sits in functions its `__main__` block calls: after the
    module ran, each of its own top-level functions is called once (one second each)."""
    for name, value in list(vars(module).items()):
        if not inspect.isfunction(value) or value.__module__ != module.__dict__["__name__"]:
            continue
        thread = threading.Thread(target=_call_quietly, args=(value,), daemon=True)
        thread.start()
        thread.join(1.0)


def _call_quietly(function):
    try:
        call(function)
    except MemoryError:
        record("limit", "memory", "MemoryError")
    except OSError as e:
        _note_full_disk(e)
    except BaseException:  # the code under test may raise anything
        pass


def _note_full_disk(error):
    if error.errno == errno.ENOSPC:
        record("limit", "disk", "no space left on the throw-away disk")


def check_disk():
    """A disk filled to the last block counts even when the code swallowed the error."""
    try:
        stats = os.statvfs("/work")
    except OSError:
        return
    if stats.f_bavail * stats.f_frsize < 64 * 1024:
        record("limit", "disk", "the throw-away disk is full")


def work(outcome):
    try:
        module = load_module()
        outcome["ran"] = "module"
        function = CONFIG.get("function")
        if not function or function.startswith("line:"):
            call_every_function(module)
            return
        if function:
            try:
                target = resolve(module, function)
            except AttributeError:
                # A nested or anonymous function: running the module is what can be done.
                NOTES.append("`%s` is not reachable from the module; ran the module" % function)
                return
            outcome["ran"] = function
            call(target)
    except Blocked as e:
        NOTES.append(str(e))
    except MemoryError:
        record("limit", "memory", "MemoryError")
    except SystemExit:
        pass
    except BaseException as e:  # the code under test may raise anything
        if isinstance(e, OSError):
            _note_full_disk(e)
        outcome.setdefault("error", "%s: %s" % (type(e).__name__, str(e)[:200]))


def main():
    plant_decoys()
    start_listener()
    patch_everything()
    outcome = {}
    worker = threading.Thread(target=work, args=(outcome,), daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(CONFIG["budget_secs"])
    # Threads the code started (a beacon, a shell loop) get a moment to act.
    for thread in threading.enumerate():
        left = CONFIG["budget_secs"] - (time.monotonic() - started)
        if thread is not threading.current_thread() and thread.daemon is False and left > 0:
            thread.join(min(left, 1.0))
    _real_sleep(min(1.0, max(0.0, CONFIG["budget_secs"] - (time.monotonic() - started))))
    check_disk()
    ARMED[0] = False
    if worker.is_alive():
        NOTES.append("still running when the time budget ended")
    line = {
        "events": EVENTS,
        "ran": outcome.get("ran", ""),
        "error": outcome.get("error"),
        "notes": NOTES[:10],
        "stubbed": sorted(StubFinder.missing),
    }
    os.write(OUT, ("\n@@bluecode-verdict-%s@@ %s\n" % (CONFIG["nonce"], json.dumps(line))).encode())
    os._exit(0)


main()
