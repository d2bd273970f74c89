//! Without a reachable engine, connecting fails fast with "Docker is not running: …" and a
//! verification is inconclusive (docker_unavailable). Needs no Docker: runs everywhere.

use std::time::{Duration, Instant};

use bluecode_sandbox::{
    CancellationToken, Engine, InconclusiveCause, Sandbox, SandboxError, SandboxSettings, Verdict,
    VerifyRequest,
};

fn request() -> VerifyRequest {
    VerifyRequest {
        language: "python".into(),
        module_source: "def f(x):\n    return x\n".into(),
        module_file: "f.py".into(),
        function: "f".into(),
        hint: None,
        ..Default::default()
    }
}

/// A unix socket path that exists but where nobody listens any more.
fn closed_socket(dir: &std::path::Path) -> String {
    let path = dir.join("docker.sock");
    drop(std::os::unix::net::UnixListener::bind(&path).unwrap_or_else(|e| panic!("{e}")));
    format!("unix://{}", path.display())
}

#[tokio::test]
async fn docker_host_pointing_at_a_closed_socket_fails_fast_and_clearly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let host = closed_socket(dir.path());
    // The only test in this binary that reads DOCKER_HOST (the other names its engine in
    // the settings, which take precedence), so setting it here races with nothing.
    unsafe { std::env::set_var("DOCKER_HOST", &host) };
    let started = Instant::now();
    let error = Engine::connect(&SandboxSettings::default()).await.err();
    let elapsed = started.elapsed();
    let message = error.as_ref().map(ToString::to_string).unwrap_or_default();
    assert!(
        matches!(error, Some(SandboxError::EngineUnavailable(_))),
        "{error:?}"
    );
    assert!(message.starts_with("Docker is not running: "), "{message}");
    assert!(message.contains(&host), "{message}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");

    let sandbox = Sandbox::new(SandboxSettings::default()).unwrap_or_else(|e| panic!("{e}"));
    let report = sandbox
        .verify(&request(), &|_| {}, &CancellationToken::new())
        .await;
    match &report.verdict {
        Verdict::Inconclusive {
            cause: InconclusiveCause::DockerUnavailable,
            reason,
        } => {
            assert!(reason.starts_with("Docker is not running"), "{reason}")
        }
        other => panic!("expected docker_unavailable, got {other:?}"),
    }
    assert!(report.timing.total_ms < 2000, "{report:?}");
    eprintln!(
        "docker missing reported in {} ms: {}",
        report.timing.total_ms, message
    );
}

#[tokio::test]
async fn an_unanswering_tcp_engine_is_reported_within_the_connect_timeout() {
    // A listener that accepts but never answers: the handshake must time out, not hang.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let address = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let settings = SandboxSettings {
        docker_host: Some(format!("tcp://{address}")),
        connect_timeout_secs: 1,
        ..SandboxSettings::default()
    };
    let started = Instant::now();
    let error = Engine::connect(&settings)
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.starts_with("Docker is not running: "), "{error}");
    assert!(error.contains("no answer within 1s"), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    drop(listener);
}

#[tokio::test]
async fn a_disabled_sandbox_and_an_unknown_language_are_inconclusive_without_docker() {
    let disabled = Sandbox::new(SandboxSettings {
        enabled: false,
        docker_host: Some("tcp://127.0.0.1:9".into()),
        ..SandboxSettings::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let report = disabled
        .verify(&request(), &|_| {}, &CancellationToken::new())
        .await;
    assert!(
        matches!(
            report.verdict,
            Verdict::Inconclusive {
                cause: InconclusiveCause::Disabled,
                ..
            }
        ),
        "{report:?}"
    );

    let enabled = Sandbox::new(SandboxSettings {
        docker_host: Some("tcp://127.0.0.1:9".into()),
        ..SandboxSettings::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let ruby = VerifyRequest {
        language: "ruby".into(),
        ..request()
    };
    let report = enabled
        .verify(&ruby, &|_| {}, &CancellationToken::new())
        .await;
    assert!(
        matches!(
            report.verdict,
            Verdict::Inconclusive {
                cause: InconclusiveCause::Unsupported,
                ..
            }
        ),
        "{report:?}"
    );

    let cancel = CancellationToken::new();
    cancel.cancel();
    let report = enabled.verify(&request(), &|_| {}, &cancel).await;
    assert!(
        matches!(
            report.verdict,
            Verdict::Inconclusive {
                cause: InconclusiveCause::Cancelled,
                ..
            }
        ),
        "{report:?}"
    );
}

/// A finding no harness tests is `inconclusive` (no_harness) at once — no engine is asked,
/// nothing is refuted — and the reason names the CWE.
#[tokio::test]
async fn a_finding_kind_without_a_harness_is_inconclusive_without_a_run() {
    let settings = SandboxSettings {
        docker_host: Some("unix:///nonexistent/docker.sock".into()),
        ..SandboxSettings::default()
    };
    let sandbox = Sandbox::new(settings).unwrap_or_else(|e| panic!("{e}"));
    for (language, hint, expected) in [
        ("python", "CWE-327", "no dynamic test for CWE-327 yet"),
        (
            "javascript",
            "CWE-90",
            "no dynamic test for CWE-90 in JavaScript yet",
        ),
    ] {
        let request = VerifyRequest {
            language: language.into(),
            module_file: if language == "python" { "f.py" } else { "f.js" }.into(),
            hint: Some(hint.into()),
            ..request()
        };
        let report = sandbox
            .verify(&request, &|_| {}, &CancellationToken::new())
            .await;
        match &report.verdict {
            Verdict::Inconclusive {
                cause: InconclusiveCause::NoHarness,
                reason,
            } => assert_eq!(reason, expected),
            other => panic!("expected no_harness for {hint}, got {other:?}"),
        }
        assert!(report.speaks_for(&[327]));
    }
}
