//! From analysis units and findings to LLM judge requests, and from the judge's merged
//! verdict back to findings. The LLM may add findings and lower a static finding's
//! severity with its reason; it never removes one (the merge guarantees it, and this
//! mapping keeps every static finding it is given).

use bluecode_analysis::constitutions::{
    Category, Confidence, ConstitutionSet, ExampleKind, Severity,
};
use bluecode_analysis::syntax::{Document, Unit, UnitKind};
use bluecode_analysis::{Finding, FindingSource};
use bluecode_llm::{
    ConstitutionDoc, JudgeOutcome, JudgeRequest, MergedFinding, StaticFinding, UnitInput, merge,
};

/// The constitutions as the LLM layer retrieves and quotes them.
pub fn constitution_docs(set: &ConstitutionSet) -> Vec<ConstitutionDoc> {
    set.constitutions()
        .iter()
        .map(|c| {
            let example = |kind| {
                c.examples
                    .iter()
                    .find(|e| e.kind == kind)
                    .map(|e| e.code.trim().to_owned())
                    .unwrap_or_default()
            };
            ConstitutionDoc {
                id: c.id.clone(),
                title: c.title.clone(),
                category: c.category.name().to_owned(),
                cwe: c.cwe.iter().map(|n| format!("CWE-{n}")).collect(),
                languages: c.languages.iter().map(|l| l.name().to_owned()).collect(),
                principle: c.principle.clone(),
                unsafe_example: example(ExampleKind::Unsafe),
                safe_example: example(ExampleKind::Safe),
                api_hints: c.api_hints(),
            }
        })
        .collect()
}

/// The unit's first line (1-based) and text.
pub fn unit_source_lines(doc: &Document, unit: &Unit) -> (u32, String) {
    let start = doc.line_index().line_of(unit.range.start) + 1;
    let text = doc
        .text()
        .get(unit.range.clone())
        .unwrap_or_default()
        .to_owned();
    (start, text)
}

fn is_import(line: &str) -> bool {
    let t = line.trim_start();
    [
        "import ", "from ", "#include", "package ", "using ", "require(",
    ]
    .iter()
    .any(|p| t.starts_with(p))
        || (t.contains("require(")
            && (t.starts_with("const ") || t.starts_with("var ") || t.starts_with("let ")))
}

fn severity(s: Severity) -> bluecode_llm::Severity {
    match s {
        Severity::Error => bluecode_llm::Severity::Error,
        Severity::Warning => bluecode_llm::Severity::Warning,
        Severity::Info => bluecode_llm::Severity::Information,
        Severity::Hint => bluecode_llm::Severity::Hint,
    }
}

fn severity_back(s: bluecode_llm::Severity) -> Severity {
    match s {
        bluecode_llm::Severity::Error => Severity::Error,
        bluecode_llm::Severity::Warning => Severity::Warning,
        bluecode_llm::Severity::Information => Severity::Info,
        bluecode_llm::Severity::Hint => Severity::Hint,
    }
}

/// The unit's static findings as the judge sees them (`s0`, `s1`… in order), the
/// same list [`judge_request`] sends: what [`apply_llm_outcome`] matches a verdict
/// against when the verdict is applied again later (a unit that only moved).
pub fn static_findings(doc: &Document, unit: &Unit, findings: &[Finding]) -> Vec<StaticFinding> {
    findings
        .iter()
        .filter(|f| f.unit_id == unit.id && f.source == FindingSource::Static)
        .enumerate()
        .map(|(i, f)| StaticFinding {
            id: format!("s{i}"),
            constitution_id: f.rule_id.clone(),
            cwe: f.cwe_label(),
            category: f.category.name().to_owned(),
            line: doc.line_index().line_of(f.range.start) + 1,
            severity: severity(f.severity),
            message: f.message.clone(),
        })
        .collect()
}

/// A judge request for `units[index]` with its context and its static findings.
pub fn judge_request(
    doc: &Document,
    units: &[Unit],
    index: usize,
    path: &str,
    findings: &[Finding],
) -> Option<JudgeRequest> {
    let unit = units.get(index)?;
    let (start_line, code) = unit_source_lines(doc, unit);
    let imports: Vec<String> = doc
        .text()
        .lines()
        .filter(|l| is_import(l))
        .take(40)
        .map(str::to_owned)
        .collect();
    // Same-file functions this unit calls: their first line is their signature.
    let callee_signatures: Vec<String> = units
        .iter()
        .enumerate()
        .filter(|(i, u)| *i != index && u.kind == UnitKind::Function)
        .filter_map(|(_, u)| {
            let short = u.id.short_name();
            code.contains(&format!("{short}(")).then(|| {
                doc.text()
                    .get(u.range.clone())
                    .and_then(|t| t.lines().next())
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            })
        })
        .take(10)
        .collect();
    // Same-file functions that call this unit: where its inputs come from.
    let own_name = unit.id.short_name();
    let caller_signatures: Vec<String> = units
        .iter()
        .enumerate()
        .filter(|(i, u)| *i != index && u.kind == UnitKind::Function && !own_name.is_empty())
        .filter_map(|(_, u)| {
            let text = doc.text().get(u.range.clone())?;
            text.contains(&format!("{own_name}("))
                .then(|| text.lines().next().unwrap_or_default().trim().to_owned())
        })
        .take(10)
        .collect();
    let enclosing_class = unit.id.enclosing_name().and_then(|short| {
        doc.text()
            .lines()
            .find(|l| {
                let t = l.trim_start();
                (t.starts_with("class ") || t.contains(" class ")) && t.contains(short)
            })
            .map(|l| l.trim().to_owned())
    });
    let static_findings = static_findings(doc, unit, findings);
    Some(JudgeRequest {
        unit: UnitInput {
            unit_id: format!("{path}::{}", unit.id),
            path: path.to_owned(),
            language: doc
                .language()
                .map(|l| l.name().to_owned())
                .unwrap_or_default(),
            code,
            start_line,
            imports,
            enclosing_class,
            callee_signatures,
            caller_signatures,
        },
        static_findings,
        cancel: None,
    })
}

fn line_range(doc: &Document, line: u32) -> std::ops::Range<usize> {
    let index = doc.line_index();
    let l = line.saturating_sub(1);
    let start = index.line_start(l);
    let end = index.line_start(l + 1).min(doc.text().len());
    let text = doc.text().get(start..end).unwrap_or_default();
    let lead = text.len() - text.trim_start().len();
    start + lead..start + text.trim_end().len()
}

fn category(name: Option<&str>) -> Category {
    match name {
        Some("malicious") => Category::Malicious,
        Some("bias") => Category::Bias,
        Some("instruction") => Category::Instruction,
        _ => Category::Vulnerability,
    }
}

/// The unit's findings after the judge: every static finding kept (lowered when the
/// model disputed it, with its reason), plus the model's own findings.
pub fn apply_llm_outcome(
    doc: &Document,
    unit: &Unit,
    unit_findings: Vec<Finding>,
    request: &JudgeRequest,
    outcome: &JudgeOutcome,
    constitutions: &[ConstitutionDoc],
) -> Vec<Finding> {
    let Some(verdict) = outcome.verdict() else {
        return unit_findings;
    };
    let statics: Vec<&Finding> = unit_findings
        .iter()
        .filter(|f| f.source == FindingSource::Static)
        .collect();
    let merged: Vec<MergedFinding> = merge(&request.static_findings, Some(verdict), constitutions);
    let mut out: Vec<Finding> = unit_findings
        .iter()
        .filter(|f| f.source != FindingSource::Static)
        .cloned()
        .collect();
    let mut kept = vec![false; statics.len()];
    for m in merged {
        let static_index =
            m.id.strip_prefix('s')
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|i| *i < statics.len() && m.source == bluecode_llm::FindingSource::Static);
        if let Some(i) = static_index {
            let mut f = statics[i].clone();
            kept[i] = true;
            if m.original_severity.is_some() {
                f.severity = severity_back(m.severity).min(f.severity);
                f.note = Some(format!(
                    "The LLM judge thinks this is likely a false positive: {}",
                    m.dispute_reason.as_deref().unwrap_or("no reason given")
                ));
            } else if let Some(rationale) = &m.llm_rationale {
                f.note = Some(format!("The LLM judge agrees: {rationale}"));
            }
            out.push(f);
            continue;
        }
        let cited: Vec<String> = m
            .cited
            .iter()
            .map(|c| format!("{} ({}): {}", c.constitution_id, c.title, c.principle))
            .collect();
        let mut note = m.llm_rationale.clone().unwrap_or_default();
        if !cited.is_empty() {
            note.push_str("\n\nCited principles:\n");
            note.push_str(&cited.join("\n"));
        }
        let cwe: Vec<u32> = m
            .cwe
            .as_deref()
            .and_then(|c| c.strip_prefix("CWE-"))
            .and_then(|n| n.parse().ok())
            .into_iter()
            .collect();
        out.push(Finding {
            source: FindingSource::Llm,
            rule_id: m.constitution_id.clone().unwrap_or_else(|| {
                format!(
                    "llm.{}",
                    m.cwe.as_deref().unwrap_or("finding").to_lowercase()
                )
            }),
            title: m.message.clone(),
            message: match &m.cwe {
                Some(cwe) => format!("{cwe} {}", m.message),
                None => m.message.clone(),
            },
            category: category(m.category.as_deref()),
            cwe,
            severity: severity_back(m.severity),
            confidence: match m.confidence {
                Some(c) if c >= 0.8 => Confidence::High,
                Some(c) if c >= 0.5 => Confidence::Medium,
                _ => Confidence::Low,
            },
            range: line_range(doc, m.line),
            unit_id: unit.id.to_string(),
            trace: Vec::new(),
            fix: None,
            note: (!note.is_empty()).then_some(note),
        });
    }
    // Whatever the merge did, no static finding is ever dropped.
    for (i, f) in statics.iter().enumerate() {
        if !kept[i] {
            out.push((*f).clone());
        }
    }
    out.sort_by_key(|f| f.range.start);
    out
}
