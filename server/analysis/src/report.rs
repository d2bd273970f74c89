//! The last step before findings reach a user, shared by the CLI and the server so they
//! can never disagree: suppressions, then the settings' filters.

use bluecode_syntax::Document;

use crate::finding::Finding;
use crate::settings::AnalysisSettings;
use crate::suppression::{Date, apply_suppressions};

/// Today's date in the local time zone (for suppression expiry).
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

/// Applies suppression comments and the severity/confidence/disabled filters.
pub fn finalize(
    doc: &Document,
    findings: Vec<Finding>,
    settings: &AnalysisSettings,
    today: Date,
) -> Vec<Finding> {
    apply_suppressions(doc, findings, today)
        .into_iter()
        .filter(|f| settings.keeps(f))
        .collect()
}
