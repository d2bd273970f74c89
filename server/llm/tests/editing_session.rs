//! A scripted editing session against the scripted server, to count requests: open a
//! 30-function file, type 200 keystrokes into 3 functions (one of them an Enter that moves
//! every function below it), then reopen the project. The judge is called for the changed
//! unit on every keystroke — no debounce here, which the server adds on top — so the count
//! is an upper bound for what an editor session costs.

mod common;

use std::time::Duration;

use bluecode_llm::{JudgeOutcome, JudgeRequest, UnitInput, VerdictCache};
use common::*;
use wiremock::MockServer;

const FUNCTIONS: usize = 30;
const LINES_PER_FUNCTION: u32 = 4;

fn file_units(bodies: &[String], extra_line_after: Option<usize>) -> Vec<UnitInput> {
    let mut line = 1;
    bodies
        .iter()
        .enumerate()
        .map(|(i, body)| {
            let u = unit(&format!("f{i:02}"), line, body);
            line += LINES_PER_FUNCTION + u32::from(extra_line_after == Some(i));
            u
        })
        .collect()
}

async fn judge_all(judge: &bluecode_llm::Judge, units: &[UnitInput]) -> Vec<JudgeOutcome> {
    let requests = units
        .iter()
        .map(|u| JudgeRequest {
            unit: u.clone(),
            ..JudgeRequest::default()
        })
        .collect();
    let outcomes = judge.judge_many(requests).await;
    assert_eq!(outcomes.len(), units.len());
    outcomes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_session_request_counts() {
    let server = MockServer::start().await;
    mount_chat(
        &server,
        ok_chat(r#"{"verdict":"safe","findings":[],"disputes":[]}"#)
            .set_delay(Duration::from_millis(120)),
    )
    .await;
    let cache_dir = tempfile::tempdir().unwrap();
    let settings = settings(&format!("{}/v1", server.uri()));
    let judge = judge_with(&settings, VerdictCache::open(cache_dir.path()), None);

    let mut bodies: Vec<String> = (0..FUNCTIONS)
        .map(|i| format!("    value = {i} * 2\n    result = value + {i}\n    return result\n"))
        .collect();
    let opened = judge_all(&judge, &file_units(&bodies, None)).await;
    assert!(opened.iter().all(|o| o.verdict().is_some()));
    let after_open = chat_requests(&server).await.len();
    assert_eq!(after_open, FUNCTIONS);

    // 200 keystrokes, 30 ms apart, into functions 3, 12 and 25; keystroke 100 is an Enter
    // inside function 12, which moves functions 13..29 down by one line.
    let edited = [3usize, 12, 25];
    let mut pending = Vec::new();
    let mut newline_in = None;
    for k in 0..200usize {
        let target = edited[k * edited.len() / 200];
        if k == 100 {
            bodies[target].insert_str(0, "    # note\n");
            newline_in = Some(target);
        } else {
            let at = bodies[target].len() - 1;
            bodies[target].insert(at, 'x');
        }
        let unit = file_units(&bodies, newline_in)[target].clone();
        let judge = judge.clone();
        pending.push(tokio::spawn(async move {
            judge
                .judge(JudgeRequest {
                    unit,
                    ..JudgeRequest::default()
                })
                .await
        }));
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    let mut cancelled = 0;
    for p in pending {
        if p.await.unwrap() == JudgeOutcome::Cancelled {
            cancelled += 1;
        }
    }
    let typing_requests = chat_requests(&server).await.len() - after_open;

    let session_stats = judge.stats();
    // Reopen: a new judge over the same cache, every unit asked again.
    drop(judge);
    let reopened = judge_with(&settings, VerdictCache::open(cache_dir.path()), None);
    let outcomes = judge_all(&reopened, &file_units(&bodies, newline_in)).await;
    let reopen_requests = chat_requests(&server).await.len() - after_open - typing_requests;
    let from_cache = outcomes
        .iter()
        .filter(|o| {
            matches!(
                o,
                JudgeOutcome::Judged {
                    from_cache: true,
                    ..
                }
            )
        })
        .count();

    let naive = FUNCTIONS * (1 + 200) + FUNCTIONS;
    let total = after_open + typing_requests + reopen_requests;
    eprintln!(
        "editing session: open {after_open}, typing {typing_requests} ({cancelled} superseded), \
         reopen {reopen_requests} ({from_cache}/{FUNCTIONS} from cache); total {total} vs naive {naive}; \
         average prompt ~{} tokens",
        session_stats.average_prompt_tokens()
    );
    assert!(
        typing_requests <= 200,
        "at most one request per keystroke of a changed unit"
    );
    assert!(cancelled > 0, "stale requests were superseded");
    // The last state of each edited unit may still be uncached only if it was cancelled.
    assert!(
        reopen_requests <= edited.len(),
        "reopen sends at most the last edits: {reopen_requests}"
    );
    assert!(from_cache >= FUNCTIONS - edited.len());
}
