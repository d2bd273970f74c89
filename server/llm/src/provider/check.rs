//! The plain report behind `bluecode llm check`: does the endpoint answer, and does it know
//! the configured model. Pure data; filled in by the providers.

use std::time::Duration;

/// What a check found. `problem` says in words what is wrong, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub provider: &'static str,
    pub base_url: String,
    pub model: String,
    pub endpoint_reachable: bool,
    /// `None` when the endpoint could not be asked.
    pub model_found: Option<bool>,
    /// Up to 20 model ids the endpoint listed.
    pub models_listed: Vec<String>,
    pub latency: Duration,
    pub problem: Option<String>,
}

impl CheckReport {
    pub(crate) fn new(
        provider: &'static str,
        base_url: &str,
        model: &str,
        latency: Duration,
    ) -> Self {
        CheckReport {
            provider,
            base_url: base_url.to_string(),
            model: model.to_string(),
            endpoint_reachable: false,
            model_found: None,
            models_listed: Vec::new(),
            latency,
            problem: None,
        }
    }

    /// Records the listed models and whether the configured one is among them.
    pub(crate) fn set_models(&mut self, ids: Vec<String>) {
        let found = ids.iter().any(|id| id == &self.model);
        self.model_found = Some(found);
        if !found {
            self.problem = Some(format!(
                "model `{}` is not among the {} model(s) the endpoint lists",
                self.model,
                ids.len()
            ));
        }
        self.models_listed = ids.into_iter().take(20).collect();
    }

    /// True when the endpoint answered and the model exists.
    pub fn is_ok(&self) -> bool {
        self.endpoint_reachable && self.model_found == Some(true)
    }

    /// One line for a terminal or a log.
    pub fn summary(&self) -> String {
        match (&self.problem, self.is_ok()) {
            (None, true) => format!(
                "{} endpoint {} answers in {} ms; model `{}` is available",
                self.provider,
                self.base_url,
                self.latency.as_millis(),
                self.model
            ),
            (Some(problem), _) => {
                format!("{} endpoint {}: {problem}", self.provider, self.base_url)
            }
            (None, false) => format!("{} endpoint {}: not usable", self.provider, self.base_url),
        }
    }
}
