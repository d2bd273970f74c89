//! A summarising walk's result made into a [`FunctionSummary`]: parameter bits per sink,
//! return and argument, real sources with their traces (byte ranges of the walked
//! document; `FunctionSummary::locate` attaches the file when the index takes it).

use super::summary::{
    ArgumentFacts, CallSite, FunctionSummary, ParamSink, ReturnFacts, SourceFlow,
};
use crate::finding::TraceStep;
use crate::taint::{RawSummary, SinkInput, Taint, Value};

fn source_flow(t: &Taint) -> Option<SourceFlow> {
    t.strong.then(|| SourceFlow {
        trace: t.trace.clone(),
        sanitized: t.sanitized.clone(),
        descriptor_params: t.descriptor_params,
    })
}

pub(crate) fn summarise(
    unit: &str,
    raw: RawSummary,
    inputs: &[SinkInput<'_>],
    rules: &[&str],
    qualified: &[Option<String>],
) -> FunctionSummary {
    let state = raw.state;
    let param_sinks = raw
        .inputs
        .iter()
        .zip(inputs)
        .zip(rules)
        .filter_map(|((result, input), rule)| {
            let t = result.as_ref().filter(|t| t.params != 0)?;
            Some(ParamSink {
                params: t.params,
                kind: input.kind.clone(),
                rule_id: (*rule).to_owned(),
                sink: TraceStep::here(input.node.byte_range(), "sink".to_owned()),
            })
        })
        .collect();
    let returned = state.returns.taint().cloned();
    let returns = ReturnFacts {
        params: (0..state.params.len())
            .map(|i| {
                let t = returned.as_ref()?;
                (i < 64 && t.params & (1 << i) != 0).then(|| t.sanitized.clone())
            })
            .collect(),
        source: returned.as_ref().and_then(|t| source_flow(t)),
        returns_value: state.returns_value,
    };
    let calls = state
        .calls
        .into_iter()
        .enumerate()
        .map(|(i, call)| CallSite {
            path: call.path,
            qualified: qualified.get(i).cloned().flatten(),
            step: TraceStep::here(call.range, call.label),
            args: call
                .args
                .into_iter()
                .map(|(keyword, value)| match value {
                    Value::Tainted(t) => ArgumentFacts {
                        keyword,
                        params: t.params,
                        sanitized: t.sanitized.clone(),
                        source: source_flow(&t),
                    },
                    _ => ArgumentFacts {
                        keyword,
                        ..ArgumentFacts::default()
                    },
                })
                .collect(),
        })
        .collect();
    FunctionSummary {
        unit: unit.to_owned(),
        params: state.params,
        source_params: state.source_params,
        sinks: inputs.len(),
        param_sinks,
        returns,
        calls,
    }
}
