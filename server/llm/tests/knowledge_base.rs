//! The judge's knowledge base over the wire, against a scripted OpenAI-compatible server on
//! 127.0.0.1: the labelled examples most like the unit go into the prompt inside their own
//! data fence, including a counter-example the workspace taught (a suppression's reason),
//! redacted first; an unrelated example stays out.

mod common;

use std::sync::Arc;

use bluecode_llm::{Knowledge, KnownExample, KnownKind, VerdictCache};
use common::*;
use wiremock::MockServer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_nearest_examples_and_the_workspaces_counter_examples_reach_the_prompt() {
    let server = MockServer::start().await;
    mount_chat(&server, ok_chat(&vulnerable_answer(11))).await;
    let knowledge = Arc::new(Knowledge::new(vec![
        KnownExample {
            kind: KnownKind::Unsafe,
            language: "python".into(),
            rule_id: Some("py-command-injection".into()),
            code: "def ping(host):\n    os.system('ping -c 1 ' + host)".into(),
            note: "OS command injection".into(),
        },
        KnownExample {
            kind: KnownKind::Unsafe,
            language: "javascript".into(),
            rule_id: Some("js-xss".into()),
            code: "res.send('<p>' + req.query.name + '</p>')".into(),
            note: "Reflected XSS".into(),
        },
    ]));
    knowledge.replace(
        "accepted:tools/net.py",
        vec![KnownExample {
            kind: KnownKind::Accepted,
            language: "python".into(),
            rule_id: Some("py-command-injection".into()),
            code: "os.system('ping -c 1 ' + LAB_HOST)  # token ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".into(),
            note: "LAB_HOST is a constant of the test lab".into(),
        }],
    );
    let judge = judge_with(
        &settings(&format!("{}/v1", server.uri())),
        VerdictCache::disabled(),
        None,
    )
    .with_knowledge(knowledge);

    let outcome = judge
        .judge(request(shell_unit(), vec![static_finding(11)]))
        .await;
    assert!(outcome.verdict().is_some(), "{outcome:?}");

    let received = server.received_requests().await.expect("recorded");
    let body: serde_json::Value = serde_json::from_slice(&received[0].body).expect("json");
    let user = body["messages"][1]["content"]
        .as_str()
        .expect("user message");
    let system = body["messages"][0]["content"]
        .as_str()
        .expect("system message");
    let fence_line = user
        .lines()
        .find(|l| l.starts_with("<<<EXAMPLES-"))
        .unwrap_or_else(|| panic!("no examples block in {user}"));
    let fence = fence_line.trim_start_matches("<<<EXAMPLES-");
    let block = user
        .split(fence_line)
        .nth(1)
        .and_then(|rest| rest.split(&format!("EXAMPLES-{fence}>>>")).next())
        .expect("closed examples block");
    assert!(
        block.contains("### unsafe — py-command-injection"),
        "{block}"
    );
    assert!(block.contains("os.system('ping -c 1 ' + host)"), "{block}");
    assert!(
        block.contains("### accepted by this project's reviewers — py-command-injection: LAB_HOST is a constant"),
        "{block}"
    );
    assert!(
        !block.contains("ghp_aaaa"),
        "workspace examples are redacted: {block}"
    );
    assert!(
        !block.contains("req.query.name"),
        "another language's example: {block}"
    );
    assert!(
        system.contains(&format!("<<<EXAMPLES-{fence}")),
        "the system prompt says what the block is"
    );
}
