//! End-to-end tests of the `bluecode` CLI: the real binary on real files in temporary
//! folders — scan outputs and exit codes, bad files, configuration errors, suppressions,
//! and the constitutions commands.

mod baseline;
mod baseline_corpus;
mod behaviour_classes;
mod constitutions;
mod cross_file;
mod doctor;
mod eval;
mod instruction_llm;
mod learn;
mod scan;
mod support;
