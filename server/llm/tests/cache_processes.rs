//! The verdict cache shared by two processes at once (the language server and a
//! `bluecode scan --llm` in a terminal): this test runs its own binary again as the second
//! process, while it keeps the cache open itself.

use std::process::Command;

use bluecode_llm::{CacheKey, Confidence, LlmFinding, LlmVerdict, Verdict, VerdictCache};

const DIR_VAR: &str = "BLUECODE_CACHE_CHILD_DIR";

fn key(unit: u128) -> CacheKey {
    CacheKey {
        unit_hash: unit,
        constitution_set_hash: 1,
        model: "m".into(),
        prompt_version: 1,
    }
}

fn verdict(line: u32) -> LlmVerdict {
    LlmVerdict {
        verdict: Verdict::Vulnerable,
        findings: vec![LlmFinding {
            line,
            cwe: Some("CWE-78".into()),
            constitution_id: None,
            category: None,
            confidence: Confidence(0.8),
            rationale: "r".into(),
            cited_constitutions: vec![],
        }],
        disputes: vec![],
        partial: false,
    }
}

#[test]
#[ignore = "the second process of `two_processes_share_the_cache`; run by it"]
fn second_process() {
    let Some(dir) = std::env::var_os(DIR_VAR) else {
        return;
    };
    let cache = VerdictCache::open(std::path::Path::new(&dir));
    assert!(cache.is_persistent(), "the second process got the cache");
    assert_eq!(
        cache.get(&key(1)),
        Some(verdict(1)),
        "sees the first process's write"
    );
    cache.put(&key(2), &verdict(2));
}

#[test]
fn two_processes_share_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = VerdictCache::open(dir.path());
    assert!(cache.is_persistent());
    cache.put(&key(1), &verdict(1));

    let output = Command::new(std::env::current_exe().unwrap())
        .args(["second_process", "--exact", "--ignored", "--test-threads=1"])
        .env(DIR_VAR, dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "second process failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 passed"));
    assert_eq!(
        cache.get(&key(2)),
        Some(verdict(2)),
        "sees the second process's write"
    );
}
