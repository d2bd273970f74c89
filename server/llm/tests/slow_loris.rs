//! A hostile endpoint on a raw 127.0.0.1 socket: it sends headers, then one body byte per
//! second. The judge must give up at its timeout, not hang, and the static finding stays.

mod common;

use std::time::{Duration, Instant};

use bluecode_llm::{FindingSource, JudgeOutcome, JudgeRequest, LlmSettings, VerdictCache, merge};
use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Serves one connection slowly; stops after `max_bytes` or when the client hangs up.
async fn slow_loris(listener: TcpListener, max_bytes: usize) -> usize {
    let Ok((mut socket, _)) = listener.accept().await else {
        return 0;
    };
    let mut request = vec![0u8; 64 * 1024];
    // Read the request head (enough for this test; the body may still be in flight).
    let _ = tokio::time::timeout(Duration::from_secs(2), socket.read(&mut request)).await;
    let head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n";
    if socket.write_all(head.as_bytes()).await.is_err() {
        return 0;
    }
    let mut sent = 0;
    while sent < max_bytes {
        tokio::time::sleep(Duration::from_secs(1)).await;
        if socket.write_all(b" ").await.is_err() || socket.flush().await.is_err() {
            break;
        }
        sent += 1;
    }
    sent
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_loris_endpoint_times_out_cleanly() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(slow_loris(listener, 20));
    let settings = LlmSettings {
        timeout_secs: 2,
        ..settings(&format!("http://{address}/v1"))
    };
    let judge = judge_with(&settings, VerdictCache::disabled(), None);
    let statics = vec![static_finding(11)];
    let started = Instant::now();
    let outcome = judge
        .judge(JudgeRequest {
            unit: unit("ping", 10, "    os.system('ping ' + host)\n"),
            static_findings: statics.clone(),
            cancel: None,
        })
        .await;
    let elapsed = started.elapsed();
    assert!(
        matches!(&outcome, JudgeOutcome::GaveUp { reason } if reason.contains("timed out")),
        "{outcome:?}"
    );
    assert!(
        elapsed >= Duration::from_millis(1900) && elapsed < Duration::from_secs(4),
        "{elapsed:?}"
    );
    let merged = merge(&statics, outcome.verdict(), &constitutions());
    assert!(
        merged
            .iter()
            .any(|m| m.source == FindingSource::Static && m.id == "s1")
    );
    // The server noticed the hang-up long before its 20 bytes were out.
    let sent = tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("server task ends once the client is gone")
        .unwrap();
    assert!(sent < 6, "client kept reading for {sent} s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_drops_the_connection() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(slow_loris(listener, 30));
    let settings = LlmSettings {
        timeout_secs: 60,
        ..settings(&format!("http://{address}/v1"))
    };
    let judge = judge_with(&settings, VerdictCache::disabled(), None);
    let token = tokio_util::sync::CancellationToken::new();
    let canceller = token.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        canceller.cancel();
    });
    let started = Instant::now();
    let outcome = judge
        .judge(JudgeRequest {
            unit: unit("ping", 10, "    os.system('ping ' + host)\n"),
            static_findings: vec![],
            cancel: Some(token),
        })
        .await;
    assert_eq!(outcome, JudgeOutcome::Cancelled);
    assert!(started.elapsed() < Duration::from_secs(3));
    // The request was dropped, not left running: the server's writes start failing.
    let sent = tokio::time::timeout(Duration::from_secs(6), server)
        .await
        .expect("server task ends once the client is gone")
        .unwrap();
    assert!(sent < 6, "connection stayed open for {sent} s");
}
