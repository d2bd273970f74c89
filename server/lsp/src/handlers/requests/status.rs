//! `workspace/executeCommand` `bluecode.status`: what is on, as the server runs it, so
//! editors show it without reading `bluecode.toml` themselves (the VS Code status item,
//! Neovim's `:checkhealth`). No arguments. The answer:
//!
//! ```json
//! {
//!   "version": "0.1.0",
//!   "root": "/path/to/workspace",            // or null
//!   "llm": {
//!     "enabled": true,                        // the judge runs
//!     "provider": "openai", "model": "…", "baseUrl": "…", "idleMs": 1500,
//!     "apiKeyEnv": "OPENAI_API_KEY",          // the variable's name, never the key
//!     "configured": true                      // base_url and model are set
//!   },
//!   "sandbox": {
//!     "enabled": true,                        // sandbox.enabled and valid settings
//!     "dockerHost": "unix:///var/run/docker.sock",
//!     "image": "bluecode-sandbox:latest",
//!     "reachable": true,                      // the engine answered (null: not asked)
//!     "engine": "27.5.1",                     // its version, when it answered
//!     "problem": null                         // why not, when it did not
//!   }
//! }
//! ```
//!
//! The engine is asked with a short timeout ([`PING_SECS`]), only when the sandbox is on.

use std::sync::Arc;

use bluecode_workspace::sandbox::{self, EngineAddress};
use serde_json::{Value, json};

use crate::session::Session;

/// How long the status waits for the Docker engine.
const PING_SECS: u64 = 2;

pub async fn status(session: &Arc<Session>) -> Value {
    let (root, settings) = {
        let state = session.state();
        (state.root.clone(), state.settings.clone())
    };
    let llm = &settings.llm;
    let judge_on = session.llm().is_some();
    let layer = session.sandbox();
    let sandbox_settings = &settings.sandbox;
    let docker_host = EngineAddress::resolve(sandbox_settings)
        .map(|a| a.display().to_owned())
        .ok();
    let sandbox_on = sandbox_settings.enabled && layer.is_some();
    let (reachable, engine, problem) = if sandbox_on {
        let mut quick = sandbox_settings.clone();
        quick.connect_timeout_secs = quick.connect_timeout_secs.min(PING_SECS);
        match sandbox::Engine::connect(&quick).await {
            Ok(engine) => (Some(true), Some(engine.info().version.clone()), None),
            Err(e) => (Some(false), None, Some(e.to_string())),
        }
    } else if layer.is_none() {
        (
            None,
            None,
            Some("the sandbox settings are invalid".to_owned()),
        )
    } else {
        (None, None, None)
    };
    json!({
        "version": env!("CARGO_PKG_VERSION"),
        "root": root.map(|r| r.display().to_string()),
        "llm": {
            "enabled": judge_on,
            "configured": llm.is_enabled(),
            "provider": llm.provider,
            "model": llm.model,
            "baseUrl": llm.base_url,
            "idleMs": llm.idle_ms,
            "apiKeyEnv": llm.api_key_env,
        },
        "sandbox": {
            "enabled": sandbox_on,
            "dockerHost": docker_host,
            "image": sandbox_settings.image,
            "reachable": reachable,
            "engine": engine,
            "problem": problem,
        },
    })
}
