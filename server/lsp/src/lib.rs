//! The language server, the only crate that knows LSP and JSON-RPC. It schedules and
//! converts; what a document's review is lives in the review core (`bluecode_workspace`),
//! which the CLI calls too. It keeps documents in step with the editor (edits applied in
//! order, before any `.await`), runs one scheduler task per open document (debounced,
//! latest version wins, one review in flight, stale results dropped, told what happened on
//! a channel it owns), sends the judge requests the core says are due in spawned tasks
//! that never hold up the static diagnostics, runs "Verify in sandbox" with cancellable
//! `$/progress`, and turns findings into diagnostics (pushed and pulled), hovers, code
//! actions and commands. It builds the workspace index in the background and reviews
//! again the open documents whose index facts change (`index`).
//!
//! Module order, no cycles: `document` (text, events) ← `session` (state, layers) ←
//! `progress` ← `llm`, `verify`, `new_only`, `index` ← `scheduler` ← `handlers` ← `server`.
//!
//! May depend on the syntax, constitutions and analysis layers, the workspace layer,
//! tower-lsp-server and tokio. Logs go to stderr (through `tracing`): stdout belongs to the
//! protocol.

#![deny(clippy::print_stdout)]

mod convert;
mod document;
mod handlers;
mod index;
mod llm;
mod new_only;
mod progress;
mod scheduler;
mod server;
mod session;
mod settings;
mod transport;
mod verify;

use tokio::sync::mpsc;
use tower_lsp_server::{LspService, Server};

use crate::handlers::requests::document_text;
use crate::server::Backend;

/// Capacity of the in-memory pipes between the transport guard and tower-lsp.
const PIPE_BYTES: usize = 256 * 1024;

/// Messages queued between the transport's stages before a stage waits.
const QUEUED_MESSAGES: usize = 64;

/// Serves the protocol on stdin/stdout until the client sends `exit` or closes stdin.
pub async fn serve_stdio() -> anyhow::Result<()> {
    let (to_server, server_input) = tokio::io::duplex(PIPE_BYTES);
    let (server_output, from_server) = tokio::io::duplex(PIPE_BYTES);
    let (valid_tx, valid_rx) = mpsc::channel(QUEUED_MESSAGES);
    let (output_tx, output_rx) = mpsc::channel(QUEUED_MESSAGES);

    let rejections = output_tx.clone();
    // A plain thread: a blocking read of stdin on tokio's pool would hold up runtime
    // shutdown until the client closed stdin.
    std::thread::Builder::new()
        .name("bluecode-stdin".to_owned())
        .spawn(move || transport::read_client(std::io::stdin().lock(), valid_tx, rejections))?;
    tokio::spawn(transport::feed_server(valid_rx, to_server));
    tokio::spawn(transport::collect_server_output(from_server, output_tx));
    let writer = tokio::spawn(transport::write_client(output_rx, tokio::io::stdout()));

    let (service, socket) = LspService::build(Backend::new)
        .custom_method(document_text::METHOD, Backend::document_text)
        .custom_method(
            "window/workDoneProgress/cancel",
            Backend::work_done_progress_cancel,
        )
        .finish();
    Server::new(server_input, server_output, socket)
        .serve(service)
        .await;
    // tower-lsp's output is closed now; wait until everything it wrote reached stdout.
    writer.await?;
    Ok(())
}

#[cfg(test)]
mod layering {
    /// The crate's modules, each allowed to use only those before it: no import circle.
    const ORDER: [(&str, &str); 12] = [
        ("convert", include_str!("convert.rs")),
        ("settings", include_str!("settings.rs")),
        ("transport", include_str!("transport.rs")),
        ("document", include_str!("document.rs")),
        ("session", include_str!("session.rs")),
        ("progress", include_str!("progress.rs")),
        ("llm", include_str!("llm.rs")),
        ("verify", include_str!("verify.rs")),
        ("new_only", include_str!("new_only.rs")),
        ("scheduler", include_str!("scheduler.rs")),
        ("handlers", ""),
        ("server", include_str!("server.rs")),
    ];

    #[test]
    fn modules_use_only_the_modules_below_them() {
        for (i, (name, source)) in ORDER.iter().enumerate() {
            for (later, _) in &ORDER[i..] {
                assert!(
                    !source.contains(&format!("crate::{later}")),
                    "`{name}` uses `{later}`, which is above it"
                );
            }
        }
    }
}
