//! Zed extension for bluecode: Zed starts language servers only from extensions, so this
//! one tells it how to run `bluecode lsp` and passes the user's `lsp.bluecode` settings
//! through as initializationOptions and as the `bluecode` section of
//! workspace/configuration. No custom protocol messages.

use zed_extension_api::{
    self as zed, serde_json, settings::LspSettings, LanguageServerId, Result, Worktree,
};

struct Bluecode;

const NOT_FOUND: &str = "bluecode was not found on PATH. Build it from a bluecode checkout with \
`cargo install --locked --path .`, or set lsp.bluecode.binary.path in Zed's settings.";

fn settings(id: &LanguageServerId, worktree: &Worktree) -> Option<LspSettings> {
    LspSettings::for_worktree(id.as_ref(), worktree).ok()
}

impl zed::Extension for Bluecode {
    fn new() -> Self {
        Bluecode
    }

    fn language_server_command(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<zed::Command> {
        let binary = settings(id, worktree).and_then(|s| s.binary);
        let configured = binary.as_ref().and_then(|b| b.path.clone());
        let command = match configured {
            Some(path) => path,
            None => worktree
                .which("bluecode")
                .ok_or_else(|| NOT_FOUND.to_string())?,
        };
        let args = binary
            .as_ref()
            .and_then(|b| b.arguments.clone())
            .unwrap_or_else(|| vec!["lsp".to_string()]);
        let mut env = worktree.shell_env();
        if let Some(extra) = binary.and_then(|b| b.env) {
            env.extend(extra);
        }
        Ok(zed::Command { command, args, env })
    }

    fn language_server_initialization_options(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<Option<serde_json::Value>> {
        Ok(settings(id, worktree).and_then(|s| s.initialization_options))
    }

    fn language_server_workspace_configuration(
        &mut self,
        id: &LanguageServerId,
        worktree: &Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let section = settings(id, worktree)
            .and_then(|s| s.settings)
            .unwrap_or_else(|| serde_json::json!({}));
        Ok(Some(serde_json::json!({ "bluecode": section })))
    }
}

zed::register_extension!(Bluecode);
