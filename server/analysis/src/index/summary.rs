//! What the workspace index knows about one function: its summary, made by the taint
//! walker with each parameter seeded as a symbolic source (see `taint/summary.rs`). Every
//! trace step in a summary carries its file and positions (`TraceStep::elsewhere`), so it
//! can be shown from any other document.

use crate::finding::TraceStep;
use serde::{Deserialize, Serialize};

/// A real source's path as far as the summarised function: the caller's trace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceFlow {
    pub trace: Vec<TraceStep>,
    /// Sink kinds the value was sanitized for on the way.
    pub sanitized: Vec<String>,
    /// Read from a descriptor these parameters hold (bit *i*: parameter *i*): no source
    /// for a caller passing a local file's descriptor (`open(path)`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub descriptor_params: u64,
}

fn is_zero(bits: &u64) -> bool {
    *bits == 0
}

/// What reaches one argument of a call.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ArgumentFacts {
    /// `name=` of a keyword argument (Python); `None` for a positional one.
    pub keyword: Option<String>,
    /// Bits of the caller's own parameters that reach the argument.
    pub params: u64,
    /// Sink kinds the parameters' data was sanitized for before the call.
    pub sanitized: Vec<String>,
    /// A real source (per the caller's threat-model profile) that reaches it.
    pub source: Option<SourceFlow>,
}

/// One call the function makes, as written: resolved later by the index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CallSite {
    /// The callee's dotted path (`helpers.run_query`, `self.load`, `run`).
    pub path: Vec<String>,
    /// Go and Java: the callee qualified through the file's imports and the receiver's
    /// declared type (`example.com/shop/store.Repo.FindUser`,
    /// `com.acme.service.UserService.find`), when the file says it. JavaScript and
    /// Python: for a method called on a name bound to `new X(…)` / `X(…)`, `X.method`
    /// (`X` as the file names it, an import to resolve).
    pub qualified: Option<String>,
    /// The call expression (a located step: "passed to `run_query(q)`").
    pub step: TraceStep,
    pub args: Vec<ArgumentFacts>,
}

/// A parameter that reaches a sink of the function unsanitized.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ParamSink {
    pub params: u64,
    /// The sink kind (`sql`, `command`, …) and the constitution of the sink's pattern.
    pub kind: String,
    pub rule_id: String,
    pub sink: TraceStep,
}

/// What the function returns.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ReturnFacts {
    /// Per parameter: `None` when it does not reach a returned value, else the sink kinds
    /// it is sanitized for there.
    pub params: Vec<Option<Vec<String>>>,
    /// A real source the function returns, with its trace.
    pub source: Option<SourceFlow>,
    /// Whether any `return` carries a value (a function without one returns nothing the
    /// caller could use).
    pub returns_value: bool,
}

/// The summary of one function unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FunctionSummary {
    /// The unit's id: `run_query`, `Reports.load`.
    pub unit: String,
    /// Parameter names in order, without `self`/`cls`/`this`.
    pub params: Vec<String>,
    /// Bits of the parameters the unit's threat model takes as sources (the reporting
    /// walk reads them as such; an argument they reach carries a source there).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub source_params: u64,
    /// How many sink inputs of taint patterns the unit holds.
    pub sinks: usize,
    pub param_sinks: Vec<ParamSink>,
    pub returns: ReturnFacts,
    pub calls: Vec<CallSite>,
}

impl FunctionSummary {
    /// Whether a real source appears in the function (passed to a call or returned).
    pub fn handles_sources(&self) -> bool {
        self.returns.source.is_some()
            || self
                .calls
                .iter()
                .any(|c| c.args.iter().any(|a| a.source.is_some()))
    }

    /// Applies `f` to every trace step of the summary.
    pub fn map_steps(&mut self, mut f: impl FnMut(&mut TraceStep)) {
        for sink in &mut self.param_sinks {
            f(&mut sink.sink);
        }
        if let Some(source) = &mut self.returns.source {
            source.trace.iter_mut().for_each(&mut f);
        }
        for call in &mut self.calls {
            f(&mut call.step);
            for arg in &mut call.args {
                if let Some(source) = &mut arg.source {
                    source.trace.iter_mut().for_each(&mut f);
                }
            }
        }
    }

    /// The index of the parameter an argument binds: by keyword, else by position.
    pub fn parameter_of(&self, position: usize, arg: &ArgumentFacts) -> Option<usize> {
        match &arg.keyword {
            Some(k) => self.params.iter().position(|p| p == k),
            None => (position < self.params.len()).then_some(position),
        }
    }
}
