//! Request handlers: read the session and the latest analysis, never change documents.

pub mod code_action;
pub mod diagnostic;
pub mod document_text;
pub mod execute_command;
pub mod hover;
pub mod initialize;
pub mod status;
