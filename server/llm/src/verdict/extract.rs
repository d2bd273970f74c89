//! Finding the JSON object in a model's answer: the whole text, a fenced block, the first
//! balanced object amid prose, or — when the answer was cut off — the longest prefix that
//! becomes valid JSON once its open strings and brackets are closed.

use serde_json::Value;

pub(super) struct Extracted {
    pub value: Value,
    /// True when the object had to be repaired (truncated output).
    pub repaired: bool,
}

/// How many candidate object starts and repair cut points are tried at most.
const MAX_STARTS: usize = 8;
const MAX_REPAIRS: usize = 64;

pub(super) fn extract_json(text: &str) -> Result<Extracted, String> {
    let text = strip_reasoning(text);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("the answer was empty; expected one JSON object".into());
    }
    if let Some(value) = parse_object(trimmed) {
        return Ok(Extracted {
            value,
            repaired: false,
        });
    }
    for block in fenced_blocks(trimmed) {
        if let Some(value) = parse_object(block.trim()) {
            return Ok(Extracted {
                value,
                repaired: false,
            });
        }
    }
    let starts: Vec<usize> = trimmed
        .match_indices('{')
        .map(|(i, _)| i)
        .take(MAX_STARTS)
        .collect();
    if starts.is_empty() {
        return Err("no JSON object found in the answer".into());
    }
    for &start in &starts {
        match balanced_end(&trimmed[start..]) {
            Some(end) => {
                if let Some(value) = parse_object(&trimmed[start..start + end]) {
                    return Ok(Extracted {
                        value,
                        repaired: false,
                    });
                }
            }
            // Never closed: the answer was cut off inside this object (every later '{' is
            // nested in it), so repair it rather than pick a nested fragment.
            None => {
                if let Some(value) = repair_truncated(&trimmed[start..]) {
                    return Ok(Extracted {
                        value,
                        repaired: true,
                    });
                }
                break;
            }
        }
    }
    let error = serde_json::from_str::<Value>(&trimmed[starts[0]..])
        .err()
        .map(|e| e.to_string())
        .unwrap_or_else(|| "not a JSON object".into());
    Err(format!("the JSON object in the answer is invalid: {error}"))
}

fn parse_object(text: &str) -> Option<Value> {
    match serde_json::from_str::<Value>(text) {
        Ok(value @ (Value::Object(_) | Value::Array(_))) => Some(value),
        _ => None,
    }
}

/// Drops `<think>…</think>` blocks some reasoning models put before the answer.
fn strip_reasoning(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("<think>") {
        out.push_str(&rest[..open]);
        match rest[open..].find("</think>") {
            Some(close) => rest = &rest[open + close + "</think>".len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Contents of ``` fenced blocks, ```json ones first.
fn fenced_blocks(text: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("```") {
        let after = &rest[open + 3..];
        let body_start = after.find('\n').map(|n| n + 1).unwrap_or(after.len());
        let info = after[..body_start].trim();
        let body = &after[body_start..];
        let Some(close) = body.find("```") else {
            break;
        };
        let is_json = info.eq_ignore_ascii_case("json");
        if is_json {
            blocks.insert(0, &body[..close]);
        } else {
            blocks.push(&body[..close]);
        }
        rest = &body[close + 3..];
    }
    blocks
}

/// Byte length of the balanced `{…}` at the start of `text`, strings respected.
fn balanced_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Closes a cut-off JSON text at the latest point where what came before is complete.
fn repair_truncated(text: &str) -> Option<Value> {
    // A cut point is a byte offset where every value before it is complete, plus the
    // brackets open there (innermost last).
    let mut cuts: Vec<(usize, Vec<char>)> = Vec::new();
    let mut stack: Vec<char> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => stack.push('}'),
            '[' => {
                stack.push(']');
                // An empty array is complete right after its opening bracket.
                cuts.push((i + 1, stack.clone()));
            }
            '}' | ']' => {
                stack.pop();
                if stack.is_empty() {
                    break;
                }
                cuts.push((i + 1, stack.clone()));
            }
            ',' => cuts.push((i, stack.clone())),
            _ => {}
        }
    }
    // Prefer cuts between array elements or root fields, so that a finding cut off halfway
    // is dropped rather than kept without its rationale; fall back to any cut.
    let close = |(at, open): &(usize, Vec<char>)| {
        let mut candidate = text[..*at].trim_end().to_string();
        candidate.extend(open.iter().rev());
        parse_object(&candidate)
    };
    let recent = || cuts.iter().rev().take(MAX_REPAIRS);
    recent()
        .filter(|(_, open)| open.len() == 1 || open.last() == Some(&']'))
        .find_map(close)
        .or_else(|| recent().find_map(close))
}
