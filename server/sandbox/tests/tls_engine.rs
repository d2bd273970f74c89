//! tcp+TLS with client certificates against the real engine that `.ci/docker-up.sh` also
//! exposes on tcp://127.0.0.1:2376 (mutual TLS, certificates under .tools/docker/tls).

mod common;

use std::path::PathBuf;

use bluecode_sandbox::{
    CancellationToken, Engine, EngineAddress, Sandbox, SandboxSettings, Verdict, VerifyRequest,
};
use common::docker_enabled;

const TLS_HOST: &str = "tcp://127.0.0.1:2376";

#[tokio::test(flavor = "multi_thread")]
async fn a_tls_engine_is_reached_with_client_certificates() {
    if !docker_enabled("a_tls_engine_is_reached_with_client_certificates") {
        return;
    }
    let certs = std::env::var("BLUECODE_DOCKER_TLS_CERTS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| common::tools_dir().join("docker/tls/client"));
    if !certs.join("key.pem").exists() {
        eprintln!(
            "SKIPPED a_tls_engine_is_reached_with_client_certificates: no client certificates at {}",
            certs.display()
        );
        return;
    }
    // The only test in this binary: the environment is ours to set.
    unsafe {
        std::env::set_var("DOCKER_TLS_VERIFY", "1");
        std::env::set_var("DOCKER_CERT_PATH", &certs);
    }
    let settings = SandboxSettings {
        docker_host: Some(TLS_HOST.into()),
        ..SandboxSettings::default()
    };
    assert!(matches!(
        EngineAddress::resolve(&settings),
        Ok(EngineAddress::Tls { .. })
    ));
    let engine = Engine::connect(&settings)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!engine.info().api_version.is_empty());

    let sandbox = Sandbox::new(settings).unwrap_or_else(|e| panic!("{e}"));
    let request = VerifyRequest {
        language: "python".into(),
        module_source: "import subprocess\ndef run(cmd):\n    return subprocess.run('echo ' + cmd, shell=True)\n".into(),
        module_file: "tls_case.py".into(),
        function: "run".into(),
        hint: Some("CWE-78".into()),
        ..Default::default()
    };
    let report = sandbox
        .verify(&request, &|_| {}, &CancellationToken::new())
        .await;
    assert!(
        matches!(report.verdict, Verdict::Confirmed { .. }),
        "{report:?}"
    );

    // Without the client certificate we say which file is missing, naming the variable.
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(certs.join("ca.pem"), empty.path().join("ca.pem"))
        .unwrap_or_else(|e| panic!("{e}"));
    unsafe { std::env::set_var("DOCKER_CERT_PATH", empty.path()) };
    let refused = Engine::connect(&SandboxSettings {
        docker_host: Some(TLS_HOST.into()),
        ..SandboxSettings::default()
    })
    .await
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(
        refused.contains("cert.pem") && refused.contains("DOCKER_CERT_PATH"),
        "{refused}"
    );
    eprintln!("{refused}");
}
