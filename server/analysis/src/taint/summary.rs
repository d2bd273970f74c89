//! The walker's two uses of the workspace index. **Summarising** a function: each
//! parameter is seeded as a symbolic source (one bit per parameter, carried through
//! joins), and the walk records what reaches its sinks, its returns and the arguments of
//! its calls (consulting what the index says its callees return, so a summary can
//! change once its callees' do — the index iterates). **Consulting** the index in a
//! reporting walk: a parameter that callers pass
//! a real source to is a source (`incoming_value`), and a resolved callee's summary says
//! what a call returns (`callee_value`).

use std::collections::HashMap;

use crate::index::{CalleeFacts, SourceFlow, UnitFacts};

use super::*;

/// What a summarising walk collects (byte ranges of the walked document).
#[derive(Debug, Default)]
pub(crate) struct SummaryState {
    /// Parameter names in bit order.
    pub params: Vec<String>,
    /// Bits of the parameters the threat model takes as sources (a routed handler's, an
    /// exported function's in the `library` profile, every one in a `snippet`).
    pub source_params: u64,
    /// The join of every returned value.
    pub returns: Value,
    pub returns_value: bool,
    /// Calls by the start of their node, in the order first met.
    pub calls: Vec<RawCall>,
    /// Index in `calls` by the call's byte range.
    call_at: HashMap<(usize, usize), usize>,
}

/// A call as the summarising walk met it.
#[derive(Debug)]
pub(crate) struct RawCall {
    pub path: Vec<String>,
    pub range: Range<usize>,
    pub label: String,
    /// (keyword, value) per argument.
    pub args: Vec<(Option<String>, Value)>,
}

/// At most this many calls are kept per function.
const MAX_CALLS: usize = 64;
/// Parameters past this many are not tracked (one bit each).
pub(crate) const MAX_PARAMS: usize = 64;

/// A summary walk's result, in the walked document's byte ranges.
#[derive(Debug)]
pub(crate) struct RawSummary {
    pub state: SummaryState,
    /// Per sink input: the value that reached it (parameter bits and real sources).
    pub inputs: Vec<Option<Rc<Taint>>>,
}

/// Walks a function unit in summary mode (see the module docs).
pub(crate) fn summarise<'t>(
    document: &WalkInputs<'_, 't>,
    unit_node: Node<'t>,
    nested: &[Range<usize>],
    inputs: &[SinkInput<'t>],
    facts: Option<&UnitFacts>,
) -> RawSummary {
    let mut walker = Walker::new(document, nested, inputs, facts);
    walker.summary = Some(SummaryState::default());
    let mut env = Env::new();
    walker.walk_function(unit_node, &mut env);
    RawSummary {
        state: walker.summary.take().unwrap_or_default(),
        inputs: walker.results,
    }
}

impl<'t> Walker<'_, 't> {
    pub(super) fn summarising(&self) -> bool {
        self.summary.is_some()
    }

    /// In a summary walk: the next parameter's symbolic taint, unless it is a real
    /// (strong) source already, which it stays (with its bit).
    pub(super) fn symbolic_parameter(
        &mut self,
        name: &str,
        param: Node<'t>,
        real: Option<(String, bool)>,
    ) -> Option<Value> {
        let state = self.summary.as_mut()?;
        let bit = state.params.len();
        state.params.push(name.to_owned());
        if bit >= MAX_PARAMS {
            return Some(Value::Clean);
        }
        if real.is_some() {
            state.source_params |= 1 << bit;
        }
        let (label, strong) = match real {
            Some((label, true)) => (label, true),
            _ => (format!("parameter `{name}`"), false),
        };
        Some(Value::Tainted(Rc::new(Taint {
            params: 1 << bit,
            ..Taint::new(vec![TraceStep::here(param.byte_range(), label)], strong)
        })))
    }

    /// In a reporting walk: the real sources the index says callers pass to parameter
    /// `name`, as one value (their join: sanitized only for what every caller sanitized).
    pub(super) fn incoming_value(&self, name: &str) -> Option<Value> {
        let flows = self.facts?.incoming.get(name)?;
        let mut ordered: Vec<&SourceFlow> = flows.iter().collect();
        // The join keeps the first trace: show an unsanitized caller's path.
        ordered.sort_by_key(|f| f.sanitized.len());
        Some(Value::join_all(ordered.into_iter().map(flow_value)))
    }

    /// Whether a summary walk has recorded this call already.
    pub(super) fn recorded(&self, call: Node) -> bool {
        self.summary.as_ref().is_some_and(|s| {
            s.call_at
                .contains_key(&(call.start_byte(), call.end_byte()))
        })
    }

    /// Records a return's value in a summary walk.
    pub(super) fn record_return(&mut self, node: Node<'t>, env: &Env) {
        if !self.summarising() {
            return;
        }
        let Some(value_node) = node.named_child(0).filter(|n| n.kind() != "comment") else {
            return;
        };
        let v = self.eval(value_node, env);
        if let Some(state) = self.summary.as_mut() {
            state.returns_value = true;
            state.returns = std::mem::take(&mut state.returns).join(v);
        }
    }

    /// Records a call and its arguments' values in a summary walk.
    pub(super) fn record_call(
        &mut self,
        call: Node<'t>,
        path: &[String],
        args: &[Node<'t>],
        values: &[Value],
    ) {
        let Some(state) = self.summary.as_ref() else {
            return;
        };
        let at = (call.start_byte(), call.end_byte());
        let recorded: Vec<(Option<String>, Value)> = args
            .iter()
            .zip(values)
            .map(|(a, v)| {
                let keyword = a
                    .parent()
                    .filter(|p| p.kind() == "keyword_argument")
                    .and_then(|p| p.child_by_field_name("name"))
                    .map(|n| self.text_of(n).to_owned());
                (keyword, v.clone())
            })
            .collect();
        if let Some(&i) = state.call_at.get(&at) {
            let state = self.summary.as_mut().expect("checked above");
            for (slot, (_, v)) in state.calls[i].args.iter_mut().zip(recorded) {
                slot.1 = std::mem::take(&mut slot.1).join(v);
            }
            return;
        }
        if state.calls.len() >= MAX_CALLS {
            return;
        }
        let step = self.step(call, "passed to");
        let state = self.summary.as_mut().expect("checked above");
        state.call_at.insert(at, state.calls.len());
        state.calls.push(RawCall {
            path: path.to_vec(),
            range: step.range,
            label: step.label,
            args: recorded,
        });
    }

    /// What a call of a summarised function returns: each argument whose parameter
    /// reaches the return, sanitized as the callee sanitizes it, and a source it returns.
    pub(super) fn callee_value(
        &mut self,
        call: Node<'t>,
        callee: &CalleeFacts,
        args: &[Node<'t>],
        values: &[Value],
    ) -> Value {
        if !callee.returns.returns_value {
            return Value::Clean;
        }
        let mut parts = Vec::new();
        for (position, (arg, value)) in args.iter().zip(values).enumerate() {
            let keyword = arg
                .parent()
                .filter(|p| p.kind() == "keyword_argument")
                .and_then(|p| p.child_by_field_name("name"))
                .map(|n| self.text_of(n));
            let param = match keyword {
                Some(k) => callee.params.iter().position(|p| p == k),
                None => Some(position),
            };
            let Some(Some(kinds)) = param.and_then(|p| callee.returns.params.get(p)) else {
                continue;
            };
            parts.push(value.clone().sanitized_for(kinds));
        }
        // A source read from a descriptor the caller passes is no source when that
        // descriptor is a local file's (`fd = open(path)`: the operator's file).
        let local_descriptor = |bits: u64| {
            bits != 0
                && args.iter().enumerate().all(|(i, a)| {
                    i >= 64 || bits & (1 << i) == 0 || self.is_local_file_descriptor(*a)
                })
        };
        if let Some(source) = callee
            .returns
            .source
            .as_ref()
            .filter(|s| !local_descriptor(s.descriptor_params))
        {
            parts.push(flow_value(source));
        }
        match Value::join_all(parts) {
            Value::Tainted(t) => {
                let step = self.step(call, &format!("returned by {}", callee.name));
                Value::Tainted(Rc::new(t.with_step(step)))
            }
            _ => Value::Clean,
        }
    }
}

/// A real source as the index recorded it, as a value of this walk.
fn flow_value(flow: &SourceFlow) -> Value {
    Value::Tainted(Rc::new(Taint {
        sanitized: flow.sanitized.clone(),
        ..Taint::new(flow.trace.clone(), true)
    }))
}
