//! `bluecode --version`: the package version, the git commit it was built from (captured
//! by build.rs, "unknown" outside git) and the version of the built-in constitution set
//! (how many constitutions, and the content hash that also keys the verdict caches).

use std::sync::OnceLock;

use bluecode_analysis::constitutions::ConstitutionSet;

/// The commit build.rs captured.
pub const COMMIT: &str = env!("BLUECODE_GIT_COMMIT");

/// `(count, content hash)` of the built-in constitutions, or the load errors in words.
/// Loaded once per process (`doctor` prints it twice).
pub fn constitution_set() -> Result<(usize, u64), String> {
    static SET: OnceLock<Result<(usize, u64), String>> = OnceLock::new();
    SET.get_or_init(|| match ConstitutionSet::builtin() {
        Ok(set) => Ok((set.constitutions().len(), set.content_hash())),
        Err(errors) => Err(errors.to_string()),
    })
    .clone()
}

/// The one-line `--version` text.
pub fn line() -> String {
    let constitutions = match constitution_set() {
        Ok((count, hash)) => format!("{count} built-in, set {hash:016x}"),
        Err(e) => format!("built-in set broken: {e}"),
    };
    format!(
        "bluecode {} (commit {COMMIT}; constitutions: {constitutions})",
        env!("CARGO_PKG_VERSION")
    )
}

/// Whether the command line asks for the version alone (`bluecode --version` / `-V`).
/// Answered before clap parses: the subcommand is otherwise required.
pub fn asked(args: &[String]) -> bool {
    args.len() == 2 && matches!(args[1].as_str(), "--version" | "-V")
}
