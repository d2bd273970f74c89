//! Work-done progress (`window/workDoneProgress/create`, then `$/progress` begin, report
//! and end) for long work: sandbox runs and LLM reviews. Only for clients that announced
//! `window.workDoneProgress`. A cancellable progress registers a cancel token in the
//! session, which `window/workDoneProgress/cancel` fires; dropping the handle without
//! [`WorkDone::end`] (the request was cancelled) still ends the progress.

use std::sync::Arc;

use bluecode_workspace::sandbox::CancellationToken;
use tower_lsp_server::lsp_types::notification::Progress as ProgressNotification;
use tower_lsp_server::lsp_types::request::WorkDoneProgressCreate;
use tower_lsp_server::lsp_types::{
    NumberOrString, ProgressParams, ProgressParamsValue, WorkDoneProgress, WorkDoneProgressBegin,
    WorkDoneProgressCancelParams, WorkDoneProgressCreateParams, WorkDoneProgressEnd,
    WorkDoneProgressReport,
};

use crate::session::Session;

/// One running progress.
pub struct WorkDone {
    session: Arc<Session>,
    token: String,
    ended: bool,
}

impl WorkDone {
    /// Creates and begins a progress, or `None` when the client does not take progress
    /// (or refused to create it). With `cancel`, the client shows a cancel button that
    /// fires the token.
    pub async fn begin(
        session: &Arc<Session>,
        title: &str,
        message: Option<String>,
        cancel: Option<&CancellationToken>,
    ) -> Option<WorkDone> {
        if !session.state().support.work_done_progress {
            return None;
        }
        let token = session.next_progress_token();
        let created = session
            .client
            .send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                token: NumberOrString::String(token.clone()),
            })
            .await;
        if let Err(e) = created {
            tracing::debug!("the client refused a progress token: {e}");
            return None;
        }
        if let Some(cancel) = cancel {
            session.cancels.insert(token.clone(), cancel.clone());
        }
        let work = WorkDone {
            session: session.clone(),
            token,
            ended: false,
        };
        work.send(WorkDoneProgress::Begin(WorkDoneProgressBegin {
            title: title.to_owned(),
            cancellable: Some(cancel.is_some()),
            message,
            percentage: Some(0),
        }))
        .await;
        Some(work)
    }

    pub async fn report(&self, message: String, percentage: u32) {
        self.send(WorkDoneProgress::Report(WorkDoneProgressReport {
            cancellable: None,
            message: Some(message),
            percentage: Some(percentage.min(100)),
        }))
        .await;
    }

    pub async fn end(mut self, message: Option<String>) {
        self.ended = true;
        self.session.cancels.remove(&self.token);
        self.send(WorkDoneProgress::End(WorkDoneProgressEnd { message }))
            .await;
    }

    async fn send(&self, value: WorkDoneProgress) {
        send(&self.session, &self.token, value).await;
    }
}

async fn send(session: &Session, token: &str, value: WorkDoneProgress) {
    session
        .client
        .send_notification::<ProgressNotification>(ProgressParams {
            token: NumberOrString::String(token.to_owned()),
            value: ProgressParamsValue::WorkDone(value),
        })
        .await;
}

impl Drop for WorkDone {
    fn drop(&mut self) {
        if self.ended {
            return;
        }
        self.session.cancels.remove(&self.token);
        let session = self.session.clone();
        let token = std::mem::take(&mut self.token);
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                let end = WorkDoneProgressEnd {
                    message: Some("cancelled".to_owned()),
                };
                send(&session, &token, WorkDoneProgress::End(end)).await;
            });
        }
    }
}

/// `window/workDoneProgress/cancel`: fires the token of that progress, if it is ours and
/// still running.
pub fn cancel(session: &Session, params: WorkDoneProgressCancelParams) {
    let token = match params.token {
        NumberOrString::String(s) => s,
        NumberOrString::Number(n) => n.to_string(),
    };
    match session.cancels.remove(&token) {
        Some((_, cancel)) => {
            tracing::info!(token, "cancelled by the client");
            cancel.cancel();
        }
        None => tracing::debug!(token, "cancel of a progress that is not running"),
    }
}
