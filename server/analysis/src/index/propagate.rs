//! From summaries to the facts each unit's walk consults. Every call site is resolved
//! once; a real source reaching argument *j* of a resolved call becomes an incoming
//! source of the callee's parameter *j* (with the caller's trace, and the sanitizer kinds
//! on the way), and a parameter passed on carries its incoming sources one call further.
//! Bounded: [`MAX_CALL_DEPTH`] calls from the source, [`MAX_INCOMING_PER_PARAMETER`]
//! sources per parameter; a (function, parameter, source) is propagated once, so
//! recursion ends.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::FileEntry;
use super::facts::{CalleeFacts, DocumentFacts, UnitFacts};
use super::resolve::{FunctionRef, Resolver};
use super::summary::{CallSite, FunctionSummary, SourceFlow};
use crate::finding::TraceStep;

/// How many calls a source is followed through.
pub const MAX_CALL_DEPTH: usize = 4;
/// How many distinct sources one parameter keeps.
pub const MAX_INCOMING_PER_PARAMETER: usize = 8;
/// Steps kept in a propagated trace (the source, then the latest steps).
const MAX_TRACE: usize = 12;

struct Pending {
    callee: FunctionRef,
    param: usize,
    flow: SourceFlow,
    depth: usize,
}

/// Where a source started: its file and range (a source reaches a parameter once).
type Origin = (Option<Arc<Path>>, Range<usize>);

fn origin(flow: &SourceFlow) -> Origin {
    flow.trace.first().map_or((None, 0..0), |s| {
        (
            s.elsewhere.as_ref().map(|l| l.path.clone()),
            s.range.clone(),
        )
    })
}

fn extended(flow: &SourceFlow, step: &TraceStep, sanitized: &[String]) -> SourceFlow {
    let mut trace = flow.trace.clone();
    trace.push(step.clone());
    while trace.len() > MAX_TRACE {
        trace.remove(1);
    }
    let mut kinds = flow.sanitized.clone();
    for k in sanitized {
        if !kinds.contains(k) {
            kinds.push(k.clone());
        }
    }
    SourceFlow {
        trace,
        sanitized: kinds,
        descriptor_params: 0,
    }
}

/// A callee's summary is worth telling its callers when it changes what a call returns
/// from "its arguments, as they are": it returns a source, sanitizes, or drops an argument.
fn tells_callers(summary: &FunctionSummary) -> bool {
    let r = &summary.returns;
    r.source.is_some()
        || !r.returns_value
        || r.params.iter().any(|p| match p {
            None => true,
            Some(kinds) => !kinds.is_empty(),
        })
}

/// Whether what `target` returns can change a real source's flow at `call`: the callee
/// returns one, or a source reaches an argument — the caller's own, or the parameters in
/// `source_bits` (sources in the caller's threat model, or passed one by its callers).
/// Elsewhere the call's value carries no source either way, and telling the caller would
/// only analyse it again for nothing.
fn carries_a_source(call: &CallSite, target: &FunctionSummary, source_bits: u64) -> bool {
    target.returns.source.is_some()
        || call
            .args
            .iter()
            .any(|a| a.source.is_some() || a.params & source_bits != 0)
}

pub(super) fn document_facts(
    files: &[&FileEntry],
    go_modules: &[(Arc<Path>, String)],
) -> HashMap<Arc<Path>, Arc<DocumentFacts>> {
    let resolver = Resolver::new(files, go_modules);
    let summary = |f: &FunctionRef| files.get(f.0).and_then(|e| e.function(&f.1));
    // (file, unit) → its resolved call sites (index in `calls`, callee).
    let mut resolved: HashMap<(usize, &str), Vec<(usize, FunctionRef)>> = HashMap::new();
    let mut units: BTreeMap<(usize, String), UnitFacts> = BTreeMap::new();
    let mut queue = VecDeque::new();
    for (fi, file) in files.iter().enumerate() {
        for function in &file.functions {
            let mut sites = Vec::new();
            for (ci, call) in function.calls.iter().enumerate() {
                let Some(callee) = resolver.resolve(fi, &function.unit, call) else {
                    continue;
                };
                let Some(target) = summary(&callee) else {
                    continue;
                };
                for (position, arg) in call.args.iter().enumerate() {
                    let (Some(source), Some(param)) =
                        (&arg.source, target.parameter_of(position, arg))
                    else {
                        continue;
                    };
                    queue.push_back(Pending {
                        callee: callee.clone(),
                        param,
                        flow: extended(source, &call.step, &[]),
                        depth: 1,
                    });
                }
                sites.push((ci, callee));
            }
            resolved.insert((fi, function.unit.as_str()), sites);
        }
    }

    let mut seen: HashSet<(FunctionRef, usize, Origin)> = HashSet::new();
    while let Some(p) = queue.pop_front() {
        if p.flow.sanitized.iter().any(|k| k == "*") {
            continue;
        }
        let Some(target) = summary(&p.callee) else {
            continue;
        };
        let Some(param_name) = target.params.get(p.param) else {
            continue;
        };
        if !seen.insert((p.callee.clone(), p.param, origin(&p.flow))) {
            continue;
        }
        let incoming = units
            .entry((p.callee.0, p.callee.1.clone()))
            .or_default()
            .incoming
            .entry(param_name.clone())
            .or_default();
        if incoming.len() >= MAX_INCOMING_PER_PARAMETER {
            continue;
        }
        incoming.push(p.flow.clone());
        if p.depth >= MAX_CALL_DEPTH || p.param >= crate::taint::MAX_PARAMS {
            continue;
        }
        let bit = 1u64 << p.param;
        let Some(sites) = resolved.get(&(p.callee.0, p.callee.1.as_str())) else {
            continue;
        };
        for (ci, next) in sites {
            let Some(call) = target.calls.get(*ci) else {
                continue;
            };
            let Some(next_summary) = summary(next) else {
                continue;
            };
            for (position, arg) in call.args.iter().enumerate() {
                if arg.params & bit == 0 {
                    continue;
                }
                let Some(param) = next_summary.parameter_of(position, arg) else {
                    continue;
                };
                queue.push_back(Pending {
                    callee: next.clone(),
                    param,
                    flow: extended(&p.flow, &call.step, &arg.sanitized),
                    depth: p.depth + 1,
                });
            }
        }
    }

    // What callees return matters to a unit whose findings or passed-on sources it can
    // change: one with sinks, real sources, or sources from its callers. Elsewhere it
    // would only make the unit be analysed again for nothing.
    for (fi, file) in files.iter().enumerate() {
        for function in &file.functions {
            let relevant = function.sinks > 0
                || function.handles_sources()
                || units
                    .get(&(fi, function.unit.clone()))
                    .is_some_and(|u| !u.incoming.is_empty());
            if !relevant {
                continue;
            }
            let Some(sites) = resolved.get(&(fi, function.unit.as_str())) else {
                continue;
            };
            // The parameters that are sources in the unit's walk: its threat model's, and
            // those real sources reach from callers.
            let source_bits = function.source_params
                | units.get(&(fi, function.unit.clone())).map_or(0, |u| {
                    function
                        .params
                        .iter()
                        .take(crate::taint::MAX_PARAMS)
                        .enumerate()
                        .filter(|(_, name)| u.incoming.contains_key(*name))
                        .fold(0u64, |bits, (i, _)| bits | (1 << i))
                });
            for (ci, callee) in sites {
                let (Some(call), Some(target)) = (function.calls.get(*ci), summary(callee)) else {
                    continue;
                };
                if !tells_callers(target) || !carries_a_source(call, target, source_bits) {
                    continue;
                }
                let name = match files.get(callee.0) {
                    Some(e) if callee.0 != fi => format!(
                        "`{}` in {}",
                        target.unit,
                        e.path.file_name().unwrap_or_default().to_string_lossy()
                    ),
                    _ => format!("`{}`", target.unit),
                };
                units
                    .entry((fi, function.unit.clone()))
                    .or_default()
                    .callees
                    .insert(
                        call.path.join("."),
                        CalleeFacts {
                            name,
                            params: target.params.clone(),
                            returns: target.returns.clone(),
                        },
                    );
            }
        }
    }

    let mut out: HashMap<Arc<Path>, DocumentFacts> = HashMap::new();
    for ((fi, unit), facts) in units {
        let Some(file) = files.get(fi) else { continue };
        out.entry(file.path.clone())
            .or_default()
            .units
            .insert(unit, Arc::new(facts));
    }
    out.into_iter().map(|(k, v)| (k, Arc::new(v))).collect()
}
