# Kind `permissions` (CWE-732): no payload. The function is called once with ordinary
# arguments (path-like parameters name files in the work directory); then every file and
# directory it created or changed under /work is stat()ed. Confirmed when one is writable by
# every user (mode & 0o002). Where the call asked for a world-writable mode on a path the
# read-only sandbox root refused (os.chmod / os.mkdir / os.makedirs seen by the audit hook,
# with the umask the code set), the requested mode is the evidence and the report says so.

_real_umask = os.umask
_perm_state = {"umask": None}


def _recorded_umask(mask):
    if State.armed:
        _perm_state["umask"] = mask
        record("os.umask", "permissions", "os.umask(%s)" % oct(mask))
    return _real_umask(mask)


os.umask = _recorded_umask


def _perm_audit(event, args):
    if not State.armed:
        return
    try:
        if event == "os.chmod":
            record("os.chmod", "permissions", "%s %s" % (os.fsdecode(args[0]) if not isinstance(args[0], int) else args[0], oct(args[1])), mode=args[1])
        elif event == "os.mkdir":
            record("os.mkdir", "permissions", "%s %s" % (os.fsdecode(args[0]), oct(args[1])), mode=args[1])
    except Exception:
        pass


sys.addaudithook(_perm_audit)
_PERM_SKIP = ("bluecode_app", MARK)


def _tree_modes():
    modes = {}
    for root, dirs, files in os.walk(WORK):
        dirs[:] = [d for d in dirs if not d.startswith(_PERM_SKIP) and not d.startswith("." + MARK)]
        for name in dirs + files:
            if name.startswith(_PERM_SKIP) or name.startswith("." + MARK):
                continue
            path = os.path.join(root, name)
            try:
                info = os.lstat(path)
                modes[path] = (info.st_mode, info.st_mtime_ns, info.st_ctime_ns)
            except OSError:
                pass
    return modes


def _drive_permissions(ctx, kind):
    import stat as _stat

    before = _tree_modes()
    saved_umask = _real_umask(0o022)
    try:
        result, error, output = ctx.call(None, None)
    finally:
        _real_umask(saved_umask)
    after = _tree_modes()
    entry = ctx.attempt(kind, None)
    entry["parameter"] = "(none: files the call creates)"
    changed = sorted(path for path, value in after.items() if before.get(path) != value)
    if changed:
        entry["reached"] = True
    shown = ", ".join("%s %s" % (os.path.relpath(p, WORK), oct(after[p][0] & 0o7777)) for p in changed[:6])
    entry["what"] = kind.what + ("; after the call: " + shown if shown else "; the call created or changed no file under /work")
    for path in changed:
        mode = after[path][0]
        if mode & 0o002 and not _stat.S_ISLNK(mode):
            happened = "after the call, %s has mode %s (%s): writable by every user" % (
                os.path.relpath(path, WORK), oct(mode & 0o7777), _stat.filemode(mode))
            ctx.confirm(kind, None, "(none)", ("os.stat after the call", path, happened), output, parameter="(none)")
    umask = _perm_state["umask"]
    for event in State.events:
        requested = event.get("mode")
        if event["kind"] != "permissions" or requested is None:
            continue
        effective = requested if event["sink"] == "os.chmod" else requested & ~(umask if umask is not None else 0o022)
        if effective & 0o002 and not any(path in event["call"] for path in changed):
            happened = "the call asked for mode %s (%s; effective %s) on a path outside the sandbox's work directory, which it could not create, so the request is the evidence" % (
                oct(requested), event["call"], oct(effective))
            ctx.confirm(kind, None, "(none)", (event["sink"], event["call"], happened), output, parameter="(none)")


KINDS["permissions"] = Kind(
    "permissions",
    drive=_drive_permissions,
    reached=lambda events, output: any(e["kind"] in ("permissions", "path") for e in events),
    needs_input=False,
    what="one call with ordinary arguments; stat() of every file it created or changed, chmod/mkdir/umask watched",
)
