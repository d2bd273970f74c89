//! Containment against a real engine: hostile programs (raw, and as functions under
//! verification) are stopped by the hardened configuration and the outcome is reported.

mod common;

use std::time::{Duration, Instant};

use bluecode_sandbox::{
    CancellationToken, Engine, InconclusiveCause, RunEnd, RunOutput, RunSpec, Sandbox,
    SandboxSettings, Verdict, VerifyRequest, run_hardened,
};
use common::{docker_enabled, verify};

async fn run_python(settings: &SandboxSettings, program: &str) -> RunOutput {
    let engine = Engine::connect(settings)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let spec = RunSpec {
        argv: vec!["python3".into(), "-I".into(), "-".into()],
        stdin: program.as_bytes().to_vec(),
        max_output_bytes: 64 * 1024,
    };
    let output = run_hardened(&engine, settings, &spec, &CancellationToken::new())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!("{output:?}");
    output
}

fn python_function(source: &str, function: &str) -> VerifyRequest {
    VerifyRequest {
        language: "python".into(),
        module_source: source.into(),
        module_file: "hostile.py".into(),
        function: function.into(),
        hint: None,
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn network_egress_is_impossible() {
    if !docker_enabled("network_egress_is_impossible") {
        return;
    }
    let program = r#"
import socket
for target in [("1.1.1.1", 53), ("151.101.2.132", 80)]:
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect(target)
        print("CONNECTED", target)
    except OSError as e:
        print("BLOCKED", target, e.errno)
try:
    socket.getaddrinfo("deb.debian.org", 80)
    print("RESOLVED")
except OSError:
    print("NO-DNS")
print("INTERFACES", sorted(line.split(":")[0].strip() for line in open("/proc/net/dev").readlines()[2:]))
"#;
    let output = run_python(&SandboxSettings::default(), program).await;
    assert!(!output.stdout.contains("CONNECTED"), "{output:?}");
    assert!(!output.stdout.contains("RESOLVED"), "{output:?}");
    assert_eq!(output.stdout.matches("BLOCKED").count(), 2, "{output:?}");
    assert!(output.stdout.contains("INTERFACES ['lo']"), "{output:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_fork_bomb_hits_the_pids_limit() {
    if !docker_enabled("a_fork_bomb_hits_the_pids_limit") {
        return;
    }
    let program = r#"
import os, time
n = 0
try:
    while True:
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
        n += 1
except OSError as e:
    print("LIMIT", n, e.errno)
"#;
    let settings = SandboxSettings::default();
    let started = Instant::now();
    let output = run_python(&settings, program).await;
    let forks: i64 = output
        .stdout
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(i64::MAX);
    assert!(output.stdout.starts_with("LIMIT"), "{output:?}");
    assert!(
        forks < settings.pids_limit,
        "{forks} forks with a limit of {}",
        settings.pids_limit
    );
    // PID 1 exiting ends the sleeping children with it: no waiting for them.
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_memory_bomb_is_killed_or_refused() {
    if !docker_enabled("a_memory_bomb_is_killed_or_refused") {
        return;
    }
    let program = r#"
chunks = []
try:
    while True:
        chunks.append(bytearray(16 * 1024 * 1024))
except MemoryError:
    print("MEMORY-ERROR", len(chunks))
"#;
    let settings = SandboxSettings::default();
    let output = run_python(&settings, program).await;
    let refused = output.stdout.contains("MEMORY-ERROR");
    assert!(
        output.oom_killed || output.exit_code == Some(137) || refused,
        "{output:?}"
    );
    assert_eq!(output.ended, RunEnd::Exited);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_disk_fill_stops_at_the_tmpfs_size_and_the_root_is_read_only() {
    if !docker_enabled("a_disk_fill_stops_at_the_tmpfs_size_and_the_root_is_read_only") {
        return;
    }
    let program = r#"
import errno
written = 0
try:
    with open("/work/fill", "wb") as f:
        while True:
            f.write(b"x" * 1024 * 1024)
            f.flush()
            written += 1024 * 1024
except OSError as e:
    print("FULL", written, e.errno == errno.ENOSPC)
for path in ["/fill", "/tmp/fill", "/etc/fill", "/usr/bin/fill", "/dev/shm/fill"]:
    try:
        open(path, "wb").write(b"x")
        print("WROTE", path)
    except OSError as e:
        print("REFUSED", path, e.errno)
"#;
    let settings = SandboxSettings::default();
    let output = run_python(&settings, program).await;
    let mut words = output.stdout.split_whitespace();
    assert_eq!(words.next(), Some("FULL"), "{output:?}");
    let written: u64 = words
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(u64::MAX);
    assert!(
        written <= settings.tmpfs_mb * 1024 * 1024,
        "{written} bytes written"
    );
    assert_eq!(words.next(), Some("True"), "ENOSPC expected: {output:?}");
    assert!(!output.stdout.contains("WROTE"), "{output:?}");
    assert_eq!(output.stdout.matches("REFUSED").count(), 5, "{output:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_infinite_loop_is_killed_at_the_wall_clock_limit() {
    if !docker_enabled("an_infinite_loop_is_killed_at_the_wall_clock_limit") {
        return;
    }
    let settings = SandboxSettings {
        timeout_secs: 3,
        ..SandboxSettings::default()
    };
    let started = Instant::now();
    let output = run_python(
        &settings,
        "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True:\n    pass\n",
    )
    .await;
    assert_eq!(output.ended, RunEnd::TimedOut, "{output:?}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn host_paths_are_not_visible() {
    if !docker_enabled("host_paths_are_not_visible") {
        return;
    }
    let host_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let host_file = host_dir.path().join("host-only-secret.txt");
    std::fs::write(&host_file, "host secret").unwrap_or_else(|e| panic!("{e}"));
    let program = format!(
        r#"
import os
print("HOST-FILE", os.path.exists({host:?}))
print("DOCKER-SOCKET", os.path.exists("/var/run/docker.sock") or os.path.exists("/run/docker.sock"))
try:
    open("/etc/shadow").read()
    print("SHADOW-READ")
except OSError as e:
    print("SHADOW-REFUSED", e.errno)
mounts = [line.split()[4] for line in open("/proc/self/mountinfo")]
print("USER-MOUNTS", [m for m in mounts if m not in ("/", "/work", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf") and not m.startswith(("/proc", "/sys", "/dev"))])
"#,
        host = host_file.display().to_string()
    );
    let output = run_python(&SandboxSettings::default(), &program).await;
    assert!(output.stdout.contains("HOST-FILE False"), "{output:?}");
    assert!(output.stdout.contains("DOCKER-SOCKET False"), "{output:?}");
    assert!(output.stdout.contains("SHADOW-REFUSED"), "{output:?}");
    assert!(output.stdout.contains("USER-MOUNTS []"), "{output:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn privilege_escalation_attempts_fail() {
    if !docker_enabled("privilege_escalation_attempts_fail") {
        return;
    }
    let program = r#"
import os
print("UID", os.getuid(), os.getgid())
for name, attempt in [("setuid", lambda: os.setuid(0)), ("setgid", lambda: os.setgid(0)),
                      ("chown", lambda: os.chown("/work", 0, 0)),
                      ("passwd", lambda: open("/etc/passwd", "a").write("x::0:0::/:/bin/sh\n"))]:
    try:
        attempt()
        print("ESCALATED", name)
    except OSError as e:
        print("REFUSED", name, e.errno)
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print("CAPEFF", status["CapEff"].strip(), "CAPBND", status["CapBnd"].strip(), "NONEWPRIVS", status["NoNewPrivs"].strip())
"#;
    let output = run_python(&SandboxSettings::default(), program).await;
    assert!(output.stdout.contains("UID 65534 65534"), "{output:?}");
    assert!(!output.stdout.contains("ESCALATED"), "{output:?}");
    assert_eq!(output.stdout.matches("REFUSED").count(), 4, "{output:?}");
    assert!(
        output
            .stdout
            .contains("CAPEFF 0000000000000000 CAPBND 0000000000000000 NONEWPRIVS 1"),
        "{output:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_functions_under_verification_are_contained_and_reported() {
    if !docker_enabled("hostile_functions_under_verification_are_contained_and_reported") {
        return;
    }
    let sandbox = Sandbox::new(SandboxSettings {
        timeout_secs: 10,
        ..SandboxSettings::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));

    let fork = "import os\ndef spawn(n):\n    while True:\n        os.fork()\n";
    let report = verify(&sandbox, &python_function(fork, "spawn")).await;
    assert!(
        !matches!(report.verdict, Verdict::Confirmed { .. }),
        "{report:?}"
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("BlockingIOError") || n.contains("Resource")),
        "{report:?}"
    );

    let spin = "def spin(x):\n    while True:\n        pass\n";
    let report = verify(&sandbox, &python_function(spin, "spin")).await;
    assert!(
        matches!(
            report.verdict,
            Verdict::Inconclusive {
                cause: InconclusiveCause::Timeout,
                ..
            }
        ),
        "{report:?}"
    );

    let deaf = "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\ndef spin(x):\n    while True:\n        pass\n";
    let report = verify(&sandbox, &python_function(deaf, "spin")).await;
    assert!(
        matches!(
            report.verdict,
            Verdict::Inconclusive {
                cause: InconclusiveCause::Timeout,
                ..
            }
        ),
        "{report:?}"
    );
    assert!(report.timing.total_ms < 15_000, "{report:?}");

    let hog = "def hog(x):\n    chunks = []\n    while True:\n        chunks.append(bytearray(32 * 1024 * 1024))\n";
    let report = verify(&sandbox, &python_function(hog, "hog")).await;
    let limited = matches!(
        report.verdict,
        Verdict::Inconclusive {
            cause: InconclusiveCause::ResourceLimit,
            ..
        }
    ) || report
        .notes
        .iter()
        .any(|n| n.contains("MemoryError") || n.contains("memory limit"));
    assert!(limited, "{report:?}");

    let beacon = "import socket\ndef beacon(host):\n    socket.create_connection(('1.1.1.1', 443), timeout=2)\n    return 'sent'\n";
    let report = verify(&sandbox, &python_function(beacon, "beacon")).await;
    assert!(
        !matches!(report.verdict, Verdict::Confirmed { .. }),
        "{report:?}"
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("unreachable") || n.contains("OSError")),
        "{report:?}"
    );
}
