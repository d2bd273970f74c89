//! Offline synthesis of a constitution from labelled examples.
//!
//! 1. **Sites.** Every call in every unsafe example is a candidate site, keyed by the name
//!    it calls (`system`, `execute`, `Command`). Keys are ranked by how many unsafe
//!    examples hold them (all, ideally), then by how few safe examples do, then by whether
//!    the call carries data; a greedy cover picks one key per pattern until every unsafe
//!    example has a site (at most three patterns).
//! 2. **Anti-unification** ([`generalize`]): the sites of one key are generalized into one
//!    tree-sitter query with holes: shared structure and callee names kept, differing
//!    sub-trees and variables turned into wildcards, short constants kept, the first
//!    data argument captured as `@input`.
//! 3. **Taint.** With an `@input`, the sink kind comes from the CWE (78 → `shell`, 89 →
//!    `sql`, …), else from the sanitizers the safe examples call (`shlex.quote` →
//!    `shell`), else from the nearest built-in constitution that anchors on the same name.
//! 4. **Negative conditions.** The draft is validated; while a safe example still matches,
//!    the words of its matched call that no unsafe match has (`quote`, `SafeLoader`)
//!    become `#not-match?` predicates on `@sink`, or — when the difference lies outside
//!    the call (a guard) — a `not_inside` query on the enclosing function. A draft whose
//!    taint kind loses an unsafe example is retried without taint.
//! 5. **Validation** ([`crate::validate`]) decides; the result says which checks passed.

pub mod generalize;
pub mod render;

use std::collections::{BTreeMap, BTreeSet};

use bluecode_constitutions::{ConstitutionSet, ExampleKind};
use bluecode_syntax::{Document, Language};
use tree_sitter::Node;

use crate::error::LearnError;
use crate::inputs::LabelledExample;
use crate::mutate::{Family, descendants, names::declared_locals};
use crate::validate::{Validation, WorkspaceCode, validate};
use generalize::{CALLS, QueryText, Site, quote};
use render::{Meta, PatternDraft, render};

/// What to learn and from what.
#[derive(Debug, Clone)]
pub struct Request {
    pub meta: Meta,
    pub examples: Vec<LabelledExample>,
    pub workspace: Option<WorkspaceCode>,
    /// A built-in constitution to treat as unknown: measuring synthesis by re-learning a
    /// rule the set already holds must not read the answer from that rule.
    pub held_out: Option<String>,
}

/// A learned constitution and how it fared.
#[derive(Debug, Clone)]
pub struct Learned {
    pub toml: String,
    pub validation: Validation,
    /// Drafts validated before this one was kept.
    pub rounds: usize,
}

/// Calls too common to be a rule's point.
const GENERIC: &[&str] = &[
    "print",
    "len",
    "str",
    "int",
    "float",
    "list",
    "dict",
    "set",
    "range",
    "append",
    "join",
    "split",
    "strip",
    "format",
    "push",
    "map",
    "filter",
    "toString",
    "log",
    "println",
    "printf",
    "Println",
    "Printf",
    "Errorf",
    "isinstance",
    "super",
    "sizeof",
    "require",
    "then",
    "catch",
    "Error",
    "make",
    "add",
    "equals",
    "decode",
    "encode",
    "lower",
    "upper",
    "items",
    "keys",
    "values",
    "replace",
    "status",
    "json",
    "send",
    "end",
];

/// How common each called name is in the built-in constitutions' examples of one language
/// family: the share of those constitutions whose examples call it without it being what
/// the rule is about (one of its patterns' anchors). A name most rules'
/// examples call (`free`, `JSON.stringify`, `WriteHeader`) is scaffolding, not a rule's
/// point — the inverse document frequency of search, with the knowledge base as corpus.
fn call_name_frequency(
    builtin: &ConstitutionSet,
    family: Family,
    held_out: Option<&str>,
) -> BTreeMap<String, f64> {
    let Ok(call) = regex::Regex::new(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(") else {
        return BTreeMap::new();
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0usize;
    for c in builtin.constitutions() {
        if Some(c.id.as_str()) == held_out
            || !c.examples.iter().any(|e| Family::of(e.language) == family)
        {
            continue;
        }
        total += 1;
        // The APIs a rule is about are its point, not scaffolding: `exec` in the shell and
        // code rules' examples says nothing against `exec` being a rule's point.
        let hinted: BTreeSet<String> = c
            .api_hints()
            .iter()
            .filter_map(|h| h.rsplit('.').next())
            .map(str::to_owned)
            .collect();
        let names: BTreeSet<&str> = c
            .examples
            .iter()
            .filter(|e| Family::of(e.language) == family)
            .flat_map(|e| call.captures_iter(&e.code))
            .filter_map(|m| m.get(1).map(|g| g.as_str()))
            .filter(|name| !hinted.contains(*name))
            .collect();
        for name in names {
            *counts.entry(name.to_owned()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(name, n)| (name, n as f64 / total.max(1) as f64))
        .collect()
}

/// What a name every built-in rule's examples call costs a site, against 100 for each
/// unsafe example it covers.
const FREQUENCY_WEIGHT: f64 = 400.0;

/// The sink kind a CWE points at.
pub fn kind_for_cwe(cwe: u32) -> Option<&'static str> {
    Some(match cwe {
        77 | 78 | 88 => "shell",
        89 | 564 => "sql",
        22 | 23 | 36 | 73 => "path",
        79 | 80 => "html",
        918 => "url",
        94 | 95 => "code",
        502 => "deserialize",
        601 => "redirect",
        90 => "ldap",
        643 => "xpath",
        117 | 93 => "log",
        113 => "header",
        1333 | 730 => "regex",
        611 | 776 => "xml",
        943 => "nosql",
        134 => "format",
        1336 => "template",
        915 => "mass_assignment",
        1321 => "prototype",
        501 => "trust_boundary",
        _ => return None,
    })
}

/// The name a call calls: the last segment of its callee.
fn callee_name<'t>(call: Node<'t>, src: &'t str) -> Option<&'t str> {
    let of = |n: Node<'t>| src.get(n.byte_range());
    let target = call
        .child_by_field_name("function")
        .or_else(|| call.child_by_field_name("constructor"))
        .or_else(|| call.child_by_field_name("type"))
        .or_else(|| call.child_by_field_name("name"))?;
    let last = match target.kind() {
        "attribute" => target.child_by_field_name("attribute")?,
        "member_expression" => target.child_by_field_name("property")?,
        "selector_expression" => target.child_by_field_name("field")?,
        "field_expression" => target.child_by_field_name("field")?,
        _ => target,
    };
    let text = of(last)?;
    let text = text.rsplit(['.', ':']).next().unwrap_or(text);
    (!text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '_')).then_some(text)
}

struct Parsed {
    example: usize,
    doc: Document,
    locals: BTreeSet<String>,
    modules: BTreeSet<String>,
}

/// The words of the example's import lines (`import os`, `from m import a`, `require(…)`,
/// Go import paths' last segments): the names a receiver may be kept as.
fn imported_names(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut in_go_block = false;
    for line in code.lines() {
        let t = line.trim();
        in_go_block = (in_go_block && t != ")") || t == "import (";
        // The project's own module (`require("./logger")`, `from . import db`) is named by
        // its author, like a variable.
        let own_module = [
            "(\"./",
            "('./",
            "(\"../",
            "('../",
            "from './",
            "from \"./",
            "from .",
        ]
        .iter()
        .any(|m| t.contains(m));
        if own_module {
            continue;
        }
        if t.starts_with("import ")
            || t.starts_with("from ")
            || t.contains("require(")
            || in_go_block
            || t.starts_with("#include")
        {
            for word in t
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
            {
                names.insert(word.to_owned());
            }
        }
    }
    names
}

/// Learns a constitution from `request`'s examples; `builtin` gives the taint models,
/// sink kinds and the nearest existing constitutions.
pub fn synthesize(request: &Request, builtin: &ConstitutionSet) -> Result<Learned, LearnError> {
    let unsafe_languages: BTreeSet<Language> = request
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Unsafe)
        .map(|e| e.language)
        .collect();
    if unsafe_languages
        .iter()
        .map(|l| Family::of(*l))
        .collect::<BTreeSet<_>>()
        .len()
        > 1
    {
        let names: Vec<&str> = unsafe_languages.iter().map(|l| l.name()).collect();
        return Err(LearnError::MixedLanguages(names.join(", ")));
    }
    let language = request.meta.language;
    let parsed: Vec<Parsed> = request
        .examples
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let doc = Document::new(Some(e.language), e.code.clone());
            let locals = doc
                .tree()
                .map(|t| declared_locals(Family::of(e.language), t.root_node(), &e.code))
                .unwrap_or_default();
            Parsed {
                example: i,
                doc,
                locals,
                modules: imported_names(&e.code),
            }
        })
        .collect();
    let is_unsafe = |p: &Parsed| request.examples[p.example].kind == ExampleKind::Unsafe;

    // 1. Sites by callee name.
    let mut by_name: BTreeMap<String, Vec<(usize, Node<'_>)>> = BTreeMap::new();
    let mut safe_names: BTreeMap<String, usize> = BTreeMap::new();
    for (pi, p) in parsed.iter().enumerate() {
        let Some(tree) = p.doc.tree() else { continue };
        let mut seen = BTreeSet::new();
        for node in descendants(tree.root_node()) {
            if !CALLS.contains(&node.kind()) {
                continue;
            }
            let Some(name) = callee_name(node, p.doc.text()) else {
                continue;
            };
            // A local function is the example's own; a destructured import
            // (`const { exec } = require(…)`) is declared like one but is the library's.
            if GENERIC.contains(&name) || (p.locals.contains(name) && !p.modules.contains(name)) {
                continue;
            }
            if is_unsafe(p) {
                if seen.insert(name.to_owned()) {
                    by_name.entry(name.to_owned()).or_default().push((pi, node));
                }
            } else if seen.insert(name.to_owned()) {
                *safe_names.entry(name.to_owned()).or_default() += 1;
            }
        }
    }
    let unsafe_total = parsed.iter().filter(|p| is_unsafe(p)).count();
    let safe_total = parsed.len() - unsafe_total;
    // A site carries data when an argument names a variable or is built (a call, an
    // operator, an interpolation) rather than written as a literal.
    let carries_data = |pi: usize, node: Node<'_>| -> bool {
        node.child_by_field_name("arguments").is_some_and(|a| {
            descendants(a).iter().skip(1).any(|d| {
                let text = parsed[pi].doc.text().get(d.byte_range()).unwrap_or("");
                (d.kind() == "identifier" && parsed[pi].locals.contains(text))
                    || CALLS.contains(&d.kind())
                    || d.kind().starts_with("binary")
                    || d.kind() == "interpolation"
                    || d.kind() == "template_substitution"
            })
        })
    };
    let frequency = call_name_frequency(builtin, Family::of(language), request.held_out.as_deref());
    // Data reaching the call is the point of a flow rule (its CWE names a sink kind); for
    // a rule about the call itself (`tmpnam`, `mktemp`) it says little.
    let flow_rule = request.meta.cwe.iter().any(|c| kind_for_cwe(*c).is_some());
    let data_weight = if flow_rule { 80 } else { 20 };
    let score = |name: &str, covered: &[(usize, Node<'_>)]| -> i64 {
        let safe_share =
            safe_names.get(name).copied().unwrap_or(0) as i64 * 10 / safe_total.max(1) as i64;
        let data = covered
            .iter()
            .filter(|(pi, n)| carries_data(*pi, *n))
            .count() as i64;
        let common = (frequency.get(name).copied().unwrap_or(0.0) * FREQUENCY_WEIGHT) as i64;
        covered.len() as i64 * 100 + data * data_weight - safe_share * 5 - common
    };
    let mut uncovered: BTreeSet<usize> = parsed
        .iter()
        .enumerate()
        .filter(|(_, p)| is_unsafe(p))
        .map(|(i, _)| i)
        .collect();
    let mut groups: Vec<Vec<(usize, Node<'_>)>> = Vec::new();
    while !uncovered.is_empty() && groups.len() < 3 {
        let best = by_name
            .iter()
            .map(|(name, sites)| {
                let covered: Vec<(usize, Node<'_>)> = sites
                    .iter()
                    .filter(|(pi, _)| uncovered.contains(pi))
                    .cloned()
                    .collect();
                (score(name, &covered), covered)
            })
            .filter(|(_, covered)| !covered.is_empty())
            .max_by_key(|(score, _)| *score);
        let Some((_, best)) = best else { break };
        for (pi, _) in &best {
            uncovered.remove(pi);
        }
        groups.push(best);
    }
    if groups.is_empty() || !uncovered.is_empty() {
        return Err(LearnError::NoShape(format!(
            "{} of {unsafe_total} unsafe examples have no call the others share",
            uncovered.len().max(usize::from(groups.is_empty()))
        )));
    }

    // 2. + 3. One pattern per group.
    let model = builtin.taint_model(language);
    let mut drafts: Vec<PatternDraft> = Vec::new();
    for group in &groups {
        let sites: Vec<Site<'_>> = group
            .iter()
            .map(|(pi, node)| Site {
                node: *node,
                src: parsed[*pi].doc.text(),
                locals: &parsed[*pi].locals,
                modules: &parsed[*pi].modules,
            })
            .collect();
        let mut query = QueryText::default();
        let shape = query.generalize(&sites, true);
        let name = callee_name(group[0].1, parsed[group[0].0].doc.text()).unwrap_or_default();
        let taint = query
            .has_input
            .then(|| choose_kind(request, builtin, model, &parsed, name))
            .flatten();
        let shape = if taint.is_none() {
            shape.replace("@input", "@_input")
        } else {
            shape
        };
        let bare = bare_call_variant(&shape, &query.predicates, &parsed[group[0].0]);
        drafts.push(PatternDraft {
            shape,
            predicates: query.predicates,
            taint: taint.clone(),
            not_inside: Vec::new(),
            callee: None,
        });
        if let Some((shape, predicates, api)) = bare {
            drafts.push(PatternDraft {
                shape,
                predicates,
                taint,
                not_inside: Vec::new(),
                callee: Some(vec![api]),
            });
        }
    }

    // 4. Validate and refine.
    let principle = principle_template(request, &groups, &parsed);
    let fix_hint = "TODO: say how to fix it — the safe examples show the way.";
    let mut rounds = 0;
    let mut best: Option<(String, Validation)> = None;
    for _ in 0..6 {
        rounds += 1;
        let toml = render(
            &request.meta,
            &principle,
            fix_hint,
            &drafts,
            &request.examples,
        );
        let validation = validate(
            &toml,
            &request.meta.id,
            &request.examples,
            request.workspace.as_ref(),
        );
        let missed_unsafe = request
            .examples
            .iter()
            .zip(&validation.hits)
            .any(|(e, h)| e.kind == ExampleKind::Unsafe && h.is_empty());
        let flagged_safe: Vec<usize> = request
            .examples
            .iter()
            .enumerate()
            .zip(&validation.hits)
            .filter(|((_, e), h)| e.kind == ExampleKind::Safe && !h.is_empty())
            .map(|((i, _), _)| i)
            .collect();
        let done = validation.core_passed();
        best = Some((toml, validation.clone()));
        if done
            || !validation
                .checks
                .iter()
                .any(|c| c.name == "no safe example matches")
        {
            break;
        }
        if missed_unsafe && drafts.iter().any(|d| d.taint.is_some()) {
            for d in &mut drafts {
                d.taint = None;
                d.shape = d.shape.replace("@input", "@_input");
            }
            continue;
        }
        if flagged_safe.is_empty()
            || !refine(&mut drafts, request, &validation, &flagged_safe, &parsed)
        {
            break;
        }
    }
    let (toml, validation) = best.ok_or_else(|| LearnError::NoShape("no draft".into()))?;
    Ok(Learned {
        toml,
        validation,
        rounds,
    })
}

/// For `module.name(…)` on an imported module, the same call written bare — `from os import
/// system; system(x)`, `const { exec } = require("child_process"); exec(x)` — or on any
/// receiver, as a second pattern whose callee must resolve to `module.name` (an unresolved
/// call is skipped).
fn bare_call_variant(
    shape: &str,
    predicates: &[String],
    example: &Parsed,
) -> Option<(String, Vec<String>, String)> {
    let re = regex::Regex::new(
        r"^\((call|call_expression) function: \((attribute|member_expression) object: \(identifier\) (@_c\d+) (attribute|property): \((identifier|property_identifier)\) (@_c\d+)\)",
    )
    .ok()?;
    let caps = re.captures(shape)?;
    let (module_capture, name_capture) = (caps.get(3)?.as_str(), caps.get(6)?.as_str());
    let eq_text = |capture: &str| -> Option<String> {
        predicates.iter().find_map(|p| {
            let rest = p.strip_prefix(&format!("(#eq? {capture} \""))?;
            Some(rest.strip_suffix("\")")?.to_owned())
        })
    };
    let (module, name) = (eq_text(module_capture)?, eq_text(name_capture)?);
    if !example.modules.contains(&module) {
        return None;
    }
    // JavaScript: the module's path from `const m = require("path")`.
    let qualified = match caps.get(1)?.as_str() {
        "call" => module.clone(),
        _ => {
            let pattern = format!(
                r#"\b{}\s*=\s*require\(\s*["']([^"']+)["']"#,
                regex::escape(&module)
            );
            let found = regex::Regex::new(&pattern)
                .ok()?
                .captures(example.doc.text())?;
            found.get(1)?.as_str().to_owned()
        }
    };
    let whole = caps.get(0)?;
    // Bare (`exec(x)` after a destructured require) or on any receiver that resolves to
    // the module (`require("vm").runInNewContext(x)`, an alias): the resolver decides.
    let bare = format!(
        "({} function: [(identifier) {name_capture} ({} {}: ({}) {name_capture})]",
        caps.get(1)?.as_str(),
        caps.get(2)?.as_str(),
        caps.get(4)?.as_str(),
        caps.get(5)?.as_str(),
    );
    let mut shape = format!("{bare}{}", &shape[whole.end()..]);
    let mut dropped = vec![module_capture.to_owned()];
    // The same module's other members in the arguments (`flags=re.I`) are imported bare
    // too in that style (`from re import sub, I`): any value there.
    let member = regex::Regex::new(
        r"\((attribute|member_expression) object: \(identifier\) (@_c\d+) (attribute|property): \((identifier|property_identifier)\) (@_c\d+)\)",
    )
    .ok()?;
    loop {
        let Some(found) = member.captures_iter(&shape).find(|c| {
            c.get(2)
                .and_then(|m| eq_text(m.as_str()))
                .is_some_and(|text| text == module)
        }) else {
            break;
        };
        let (range, object, attribute) = (
            found.get(0)?.range(),
            found.get(2)?.as_str().to_owned(),
            found.get(5)?.as_str().to_owned(),
        );
        shape.replace_range(range, "(_)");
        dropped.extend([object, attribute]);
    }
    let predicates = predicates
        .iter()
        .filter(|p| !dropped.iter().any(|c| p.contains(&format!("{c} "))))
        .cloned()
        .collect();
    Some((shape, predicates, format!("{qualified}.{name}")))
}

fn choose_kind(
    request: &Request,
    builtin: &ConstitutionSet,
    model: Option<&bluecode_constitutions::TaintModel>,
    parsed: &[Parsed],
    name: &str,
) -> Option<String> {
    let declared = |k: &str| builtin.sink_kinds().contains(k);
    if let Some(kind) = request
        .meta
        .cwe
        .iter()
        .filter_map(|c| kind_for_cwe(*c))
        .find(|k| declared(k))
    {
        return Some(kind.to_owned());
    }
    // The sanitizers the safe examples call.
    if let Some(model) = model {
        for p in parsed
            .iter()
            .filter(|p| request.examples[p.example].kind == ExampleKind::Safe)
        {
            let Some(tree) = p.doc.tree() else { continue };
            for node in descendants(tree.root_node())
                .into_iter()
                .filter(|n| CALLS.contains(&n.kind()))
            {
                let Some(callee) = node.child_by_field_name("function") else {
                    continue;
                };
                let path_text = p.doc.text().get(callee.byte_range()).unwrap_or("");
                let path: Vec<&str> = path_text.split('.').collect();
                if let Some(kinds) = model.sanitizer_kinds(&path)
                    && let Some(kind) = kinds.iter().find(|k| k.as_str() != "*" && declared(k))
                {
                    return Some(kind.clone());
                }
            }
        }
    }
    // The nearest built-in constitution anchored on the same name.
    builtin
        .constitutions()
        .iter()
        .filter(|c| {
            Some(c.id.as_str()) != request.held_out.as_deref()
                && c.languages.contains(&request.meta.language)
                && c.api_hints().iter().any(|h| h == name)
        })
        .flat_map(|c| c.patterns.iter().filter_map(|p| p.taint.clone()))
        .next()
}

fn words(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut current = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() || c == '_' {
            current.push(c);
        } else if !current.is_empty() {
            if current.len() > 2 && !current.chars().all(|c| c.is_ascii_digit()) {
                out.insert(std::mem::take(&mut current));
            } else {
                current.clear();
            }
        }
    }
    out
}

/// Adds negative conditions from the first flagged safe example's difference; false when
/// no difference is left to use.
fn refine(
    drafts: &mut [PatternDraft],
    request: &Request,
    validation: &Validation,
    flagged: &[usize],
    parsed: &[Parsed],
) -> bool {
    let text_of = |i: usize, r: &std::ops::Range<usize>| {
        request.examples[i]
            .code
            .get(r.clone())
            .unwrap_or("")
            .to_owned()
    };
    let unsafe_sink_words: BTreeSet<String> = request
        .examples
        .iter()
        .enumerate()
        .zip(&validation.hits)
        .filter(|((_, e), _)| e.kind == ExampleKind::Unsafe)
        .flat_map(|((i, _), hits)| hits.iter().map(move |h| (i, h.range.clone())))
        .flat_map(|(i, r)| words(&text_of(i, &r)))
        .collect();
    let unsafe_words: BTreeSet<String> = request
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Unsafe)
        .flat_map(|e| words(&e.code))
        .collect();
    let existing: String = drafts
        .iter()
        .map(|d| d.predicates.join(" ") + &d.not_inside.join(" "))
        .collect();
    for &i in flagged {
        let locals = &parsed[i].locals;
        for hit in &validation.hits[i] {
            let sink = text_of(i, &hit.range);
            // Prefer names the call makes (a sanitizer), then any other word.
            let mut candidates: Vec<String> = words(&sink)
                .into_iter()
                .filter(|w| {
                    !unsafe_sink_words.contains(w)
                        && !locals.contains(w)
                        && !existing.contains(&format!("\\\\b{w}\\\\b"))
                })
                .collect();
            candidates
                .sort_by_key(|w| (!sink.contains(&format!("{w}(")), std::cmp::Reverse(w.len())));
            if let Some(word) = candidates.first() {
                let regex = format!("\\b{word}\\b");
                for d in drafts.iter_mut() {
                    d.predicates
                        .push(format!("(#not-match? @sink {})", quote(&regex)));
                }
                return true;
            }
        }
        // The difference lies around the call: a guard or a check in the function.
        let code = &request.examples[i].code;
        let around: Vec<String> = words(code)
            .into_iter()
            .filter(|w| {
                !unsafe_words.contains(w)
                    && !locals.contains(w)
                    && !existing.contains(&format!("\\\\b{w}\\\\b"))
            })
            .collect();
        // A call the safe example makes (a check, a sanitizer) says more than a type.
        if let Some(word) = around
            .iter()
            .max_by_key(|w| (code.contains(&format!("{w}(")), w.len()))
        {
            let functions = function_kinds(request.meta.language);
            let query = format!(
                "({functions} @_fn (#match? @_fn {}))",
                quote(&format!("\\b{word}\\b"))
            );
            for d in drafts.iter_mut() {
                d.not_inside.push(query.clone());
            }
            return true;
        }
    }
    false
}

fn function_kinds(language: Language) -> &'static str {
    match Family::of(language) {
        Family::Python => "[(function_definition) (module)]",
        Family::JavaScript => {
            "[(function_declaration) (function_expression) (arrow_function) (method_definition) (program)]"
        }
        Family::Go => "[(function_declaration) (method_declaration) (func_literal)]",
        Family::Java => "[(method_declaration) (constructor_declaration) (class_body)]",
        Family::C => "[(function_definition) (translation_unit)]",
    }
}

fn principle_template(
    request: &Request,
    groups: &[Vec<(usize, Node<'_>)>],
    parsed: &[Parsed],
) -> String {
    let calls: Vec<String> = groups
        .iter()
        .filter_map(|g| g.first())
        .filter_map(|(pi, n)| {
            let callee = n
                .child_by_field_name("function")
                .or_else(|| n.child_by_field_name("name"))
                .unwrap_or(*n);
            parsed[*pi]
                .doc
                .text()
                .get(callee.byte_range())
                .map(|t| format!("`{t}`"))
        })
        .collect();
    let unsafe_count = request
        .examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Unsafe)
        .count();
    let notes: Vec<&str> = request
        .examples
        .iter()
        .filter_map(|e| e.note.as_deref())
        .collect();
    let mut text = format!(
        "TODO: state the rule in plain words for a developer and for the LLM judge.\nLearned from {unsafe_count} unsafe and {} safe examples: a call to {} in the shape the unsafe examples share",
        request.examples.len() - unsafe_count,
        calls.join(" or ")
    );
    text.push_str(" breaches it; the safe examples show what does not.");
    if !notes.is_empty() {
        text.push_str("\nNotes given with the examples: ");
        text.push_str(&notes.join("; "));
    }
    text
}
