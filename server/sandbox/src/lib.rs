//! bluecode's sandbox layer: proves (or fails to prove) a finding by running the code in a
//! hardened Docker container.
//!
//! Plain data in, plain data out: this crate depends on no other bluecode crate, knows
//! nothing of LSP, and talks to Docker only through bollard. The integration layer maps
//! the engine's findings onto [`VerifyRequest`] and the returned [`VerifyReport`] onto
//! diagnostics.
//!
//! - [`settings`]: `[sandbox]` settings and their validation.
//! - [`engine`]: connecting (unix socket, tcp, tcp+TLS) with version negotiation.
//! - [`image`]: presence, pull, and the registry-free build from a root filesystem.
//! - [`run`]: one hardened run; [`reap`]: removal of leftovers from crashed owners.
//! - [`harness`]: the built-in canary harnesses for Python and JavaScript.
//! - [`behaviour`]: the behaviour recorders for malicious-category findings and the
//!   profiles that judge what the code tried.
//! - [`verdict`]: `confirmed` / `not_reproduced` / `inconclusive`.
//! - [`Sandbox`]: the facade; [`doctor()`]: the health report.

pub mod behaviour;
mod container;
pub mod doctor;
pub mod engine;
pub mod error;
pub mod harness;
pub mod image;
mod output;
pub mod owner;
pub mod reap;
pub mod run;
mod sandbox;
pub mod settings;
pub mod verdict;

pub use behaviour::{BehaviourEvent, WHOLE_MODULE};
pub use container::{SANDBOX_USER, WORK_DIR};
pub use doctor::{DoctorReport, doctor};
pub use engine::{Engine, EngineAddress, EngineInfo};
pub use error::SandboxError;
pub use harness::Language;
pub use image::{
    DEBIAN_MIRROR, ImageReport, RootfsSource, build_image, debootstrap_rootfs, ensure_image,
    image_id, pull_image,
};
pub use output::truncate_text;
pub use reap::{ReapReport, reap_leftovers};
pub use run::{RunEnd, RunOutput, RunSpec, run_hardened};
pub use sandbox::{Progress, Sandbox, Stage, VerifyRequest};
pub use settings::{DEFAULT_IMAGE, SandboxSettings};
pub use tokio_util::sync::CancellationToken;
pub use verdict::{Attempt, InconclusiveCause, SinkKind, Timing, Verdict, VerifyReport};
