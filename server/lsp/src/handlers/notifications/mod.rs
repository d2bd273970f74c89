//! Notification handlers: the document store's writers and the settings' triggers.

pub mod did_change;
pub mod did_change_configuration;
pub mod did_change_watched_files;
pub mod did_close;
pub mod did_open;
pub mod did_save;
pub mod initialized;
