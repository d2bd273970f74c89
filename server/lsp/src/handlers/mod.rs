//! One handler per LSP method, one file each (ruff_server's layout): notifications
//! update state synchronously before their first `.await`; requests read state and the
//! latest analysis. `server.rs` only routes to these.

pub mod notifications;
pub mod requests;
