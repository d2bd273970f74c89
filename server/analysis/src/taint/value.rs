//! The abstract values of the taint walker: a constant (for folding conditions), clean,
//! or tainted with the trace that got it here and the sink kinds it was sanitized for.

use std::collections::HashMap;
use std::rc::Rc;

use crate::finding::TraceStep;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lit {
    Int(i64),
    Bool(bool),
    Str(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Taint {
    pub trace: Vec<TraceStep>,
    /// From a real source (request, argv, env, …) rather than a caller's argument.
    pub strong: bool,
    /// Sink kinds this value is safe for.
    pub sanitized: Vec<String>,
    /// When summarising a function: the bits of its own parameters this value derives
    /// from (bit *i*: parameter *i*). Zero in a reporting walk.
    pub params: u64,
    /// C/C++: the content of the buffer a reader (`read`, `fgets`, …) filled, held by the
    /// buffer's own name. Its address is not data: `s - buf` is an offset into it.
    pub buffer: bool,
    /// A summary walk's real source read from a descriptor its parameters hold (bit *i*:
    /// parameter *i*, `read(fd, …)` with `fd` a parameter): a caller whose descriptor is
    /// a local file's does not get a source back. Zero otherwise.
    pub descriptor_params: u64,
}

impl Taint {
    /// A value fresh from a source (`strong`: a real one, not a caller's argument):
    /// sanitized for nothing, with no parameter bits or flags.
    pub fn new(trace: Vec<TraceStep>, strong: bool) -> Taint {
        Taint {
            trace,
            strong,
            sanitized: Vec::new(),
            params: 0,
            buffer: false,
            descriptor_params: 0,
        }
    }

    pub fn reaches(&self, kind: &str) -> bool {
        !self.sanitized.iter().any(|k| k == kind || k == "*")
    }

    pub fn with_step(&self, step: TraceStep) -> Taint {
        let mut trace = self.trace.clone();
        // Long traces help nobody; keep the source and the latest steps.
        if trace.len() >= 8 {
            trace.remove(1);
        }
        trace.push(step);
        Taint {
            trace,
            ..self.clone()
        }
    }
}

/// Kept in `Taint::sanitized` beside `html` when a value's safety for HTML is only its
/// percent-encoding (a page's serialised URL): a URL decoder takes both away again. Not a
/// sink kind, so no sink ever reads it.
pub(crate) const PERCENT_ENCODED: &str = "percent-encoded";

/// Kept in `Taint::sanitized` when a check the project wrote but the analysis cannot read
/// (`if not is_api_base_safe(base): return`, the checker imported) passed on the value:
/// the flow is still followed, and a finding it makes is low confidence — a guard is a
/// guard even when the project wrote it, yet one unread is not known to be sound.
pub(crate) const UNREAD_CHECK: &str = "unread-check";

/// Kept in `Taint::sanitized` when a query's text came from the project's own builder
/// beside its bound parameters (`where, params = filters.build(…)`, see `builders`): an
/// SQL finding through it is low confidence; other sinks do not read it.
pub(crate) const UNREAD_SQL_BUILDER: &str = "unread-sql-builder";

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Value {
    #[default]
    Clean,
    Const(Lit),
    Tainted(Rc<Taint>),
}

impl Value {
    pub fn taint(&self) -> Option<&Rc<Taint>> {
        match self {
            Value::Tainted(t) => Some(t),
            _ => None,
        }
    }

    pub fn truthiness(&self) -> Option<bool> {
        match self {
            Value::Const(Lit::Bool(b)) => Some(*b),
            Value::Const(Lit::Int(i)) => Some(*i != 0),
            Value::Const(Lit::Str(s)) => Some(!s.is_empty()),
            _ => None,
        }
    }

    /// The least upper bound: tainted wins; two taints keep the stronger trace and only
    /// the sanitizations both share.
    pub fn join(self, other: Value) -> Value {
        match (self, other) {
            (Value::Tainted(a), Value::Tainted(b)) => {
                // Of two real sources keep one that holds whatever the caller passes.
                let (keep, drop) = if (b.strong && !a.strong)
                    || (b.strong && a.descriptor_params != 0 && b.descriptor_params == 0)
                {
                    (b, a)
                } else {
                    (a, b)
                };
                let params = keep.params | drop.params;
                if params != keep.params {
                    let shared = keep
                        .sanitized
                        .iter()
                        .filter(|k| drop.sanitized.contains(k))
                        .cloned()
                        .collect();
                    return Value::Tainted(Rc::new(Taint {
                        sanitized: shared,
                        params,
                        ..(*keep).clone()
                    }));
                }
                if keep.sanitized.is_empty() || keep.sanitized == drop.sanitized {
                    Value::Tainted(keep)
                } else {
                    let shared = keep
                        .sanitized
                        .iter()
                        .filter(|k| drop.sanitized.contains(k))
                        .cloned()
                        .collect();
                    Value::Tainted(Rc::new(Taint {
                        sanitized: shared,
                        ..(*keep).clone()
                    }))
                }
            }
            (t @ Value::Tainted(_), _) | (_, t @ Value::Tainted(_)) => t,
            (Value::Const(a), Value::Const(b)) if a == b => Value::Const(a),
            _ => Value::Clean,
        }
    }

    pub fn join_all(values: impl IntoIterator<Item = Value>) -> Value {
        values
            .into_iter()
            .fold(None, |acc: Option<Value>, v| {
                Some(match acc {
                    None => v,
                    Some(a) => a.join(v),
                })
            })
            .unwrap_or(Value::Clean)
    }

    /// What a URL decoder returns of this value: a percent-encoded value can hold
    /// markup again.
    pub fn percent_decoded(self) -> Value {
        match self {
            Value::Tainted(t) if t.sanitized.iter().any(|k| k == PERCENT_ENCODED) => {
                let mut t = (*t).clone();
                t.sanitized.retain(|k| k != PERCENT_ENCODED && k != "html");
                Value::Tainted(Rc::new(t))
            }
            other => other,
        }
    }

    pub fn sanitized_for(self, kinds: &[String]) -> Value {
        match self {
            Value::Tainted(t) => {
                if kinds.iter().any(|k| k == "*") {
                    return Value::Clean;
                }
                let mut t = (*t).clone();
                for k in kinds {
                    if !t.sanitized.contains(k) {
                        t.sanitized.push(k.clone());
                    }
                }
                Value::Tainted(Rc::new(t))
            }
            Value::Const(c) => Value::Const(c),
            Value::Clean => Value::Clean,
        }
    }
}

/// Variable name (or dotted path such as `self.cmd`) → value.
pub(crate) type Env = HashMap<String, Value>;

/// The environment key holding what a container's attributes were worth before items
/// were written into it (`d["k"] = v` in Python, where entries and attributes differ).
/// Rebinding the container drops it with its other fields.
pub(crate) fn attributes_key(container: &str) -> String {
    format!("{container}{ATTRIBUTES}")
}

const ATTRIBUTES: &str = ".[attributes]";

pub(crate) fn join_envs(a: Env, b: Env) -> Env {
    // Where one side wrote no items, the container's attributes are the container.
    let one_sided = |env: &Env, other: &Env| -> Vec<String> {
        env.keys()
            .filter(|k| k.ends_with(ATTRIBUTES) && !other.contains_key(*k))
            .cloned()
            .collect()
    };
    let container = |env: &Env, key: &str| -> Value {
        let name = key.strip_suffix(ATTRIBUTES).unwrap_or(key);
        env.get(name).cloned().unwrap_or_default()
    };
    let mut b = b;
    let mut out = a;
    for key in one_sided(&out, &b) {
        let v = container(&b, &key);
        b.insert(key, v);
    }
    for key in one_sided(&b, &out) {
        let v = container(&out, &key);
        out.insert(key, v);
    }
    for (k, v) in b {
        let merged = match out.remove(&k) {
            Some(old) => old.join(v),
            None => v,
        };
        out.insert(k, merged);
    }
    out
}

/// Folds a binary operator over two constants.
pub(crate) fn fold_binary(op: &str, a: &Lit, b: &Lit) -> Option<Lit> {
    use Lit::*;
    Some(match (a, b) {
        (Int(x), Int(y)) => match op {
            "+" => Int(x.checked_add(*y)?),
            "-" => Int(x.checked_sub(*y)?),
            "*" => Int(x.checked_mul(*y)?),
            "/" | "//" => Int(x.checked_div(*y)?),
            "%" => Int(x.checked_rem(*y)?),
            ">" => Bool(x > y),
            "<" => Bool(x < y),
            ">=" => Bool(x >= y),
            "<=" => Bool(x <= y),
            "==" | "===" => Bool(x == y),
            "!=" | "!==" => Bool(x != y),
            _ => return None,
        },
        (Str(x), Str(y)) => match op {
            "+" => Str(format!("{x}{y}")),
            "==" | "===" => Bool(x == y),
            "!=" | "!==" => Bool(x != y),
            _ => return None,
        },
        (Bool(x), Bool(y)) => match op {
            "and" | "&&" => Bool(*x && *y),
            "or" | "||" => Bool(*x || *y),
            "==" | "===" => Bool(x == y),
            "!=" | "!==" => Bool(x != y),
            _ => return None,
        },
        _ => return None,
    })
}
