//! Parsing tests: each shape a real model has been seen to produce.

use super::*;

const RANGE: RangeInclusive<u32> = 10..=20;

#[test]
fn clean_json() {
    let v = parse_verdict(
        r#"{"verdict":"vulnerable","findings":[{"line":12,"cwe":"CWE-78","category":"vulnerability","confidence":0.8,"rationale":"shell","cited_constitutions":["py-cmd"]}],"disputes":[]}"#,
        RANGE,
    )
    .unwrap();
    assert_eq!(v.verdict, Verdict::Vulnerable);
    assert_eq!(v.findings.len(), 1);
    assert_eq!(v.findings[0].cwe.as_deref(), Some("CWE-78"));
    assert_eq!(v.findings[0].cited_constitutions, vec!["py-cmd"]);
    assert!(!v.partial);
}

#[test]
fn fenced_block_with_prose_around_it() {
    let text = "Sure! Here is my analysis.\n```json\n{\"verdict\": \"safe\", \"findings\": [], \"disputes\": [{\"finding_id\": \"s1\", \"reason\": \"constant\"}]}\n```\nLet me know if you need more.";
    let v = parse_verdict(text, RANGE).unwrap();
    assert_eq!(v.verdict, Verdict::Safe);
    assert_eq!(v.disputes[0].finding_id.as_deref(), Some("s1"));
}

#[test]
fn object_amid_prose_without_fence() {
    let text = "I think {this} matters. {\"verdict\":\"uncertain\",\"findings\":[]} That's all.";
    let v = parse_verdict(text, RANGE).unwrap();
    assert_eq!(v.verdict, Verdict::Uncertain);
}

#[test]
fn truncated_output_keeps_the_complete_findings() {
    let text = r#"{"verdict":"vulnerable","findings":[{"line":11,"cwe":"89","confidence":"high","rationale":"sql"},{"line":13,"cwe":"CWE-22","rationale":"path trav"#;
    let v = parse_verdict(text, RANGE).unwrap();
    assert!(v.partial);
    assert_eq!(v.findings.len(), 1);
    assert_eq!(v.findings[0].line, 11);
    assert_eq!(v.findings[0].cwe.as_deref(), Some("CWE-89"));
    assert_eq!(v.findings[0].confidence.label(), "high");
}

#[test]
fn lenient_fields_and_out_of_range_lines() {
    let text = r#"{"findings":[
        {"line":"15","cwe":79,"confidence":85,"reason":"xss"},
        {"line":99,"rationale":"hallucinated line"},
        {"rationale":"no line at all"}
    ],"disputes":[{"line":3,"reason":"out of range"},{"line":14,"reason":"ok"}]}"#;
    let v = parse_verdict(text, RANGE).unwrap();
    assert_eq!(v.verdict, Verdict::Vulnerable, "findings imply vulnerable");
    assert_eq!(v.findings.len(), 1);
    assert_eq!(v.findings[0].line, 15);
    assert_eq!(v.findings[0].cwe.as_deref(), Some("CWE-79"));
    assert!((v.findings[0].confidence.0 - 0.85).abs() < 1e-6);
    assert_eq!(v.findings[0].rationale, "xss");
    assert_eq!(v.disputes.len(), 1);
    assert_eq!(v.disputes[0].line, Some(14));
}

#[test]
fn reasoning_blocks_are_skipped() {
    let text =
        "<think>maybe {\"verdict\": \"safe\"}</think>{\"verdict\":\"vulnerable\",\"findings\":[]}";
    assert_eq!(
        parse_verdict(text, RANGE).unwrap().verdict,
        Verdict::Vulnerable
    );
}

#[test]
fn garbage_is_an_error_that_says_why() {
    assert!(parse_verdict("", RANGE).unwrap_err().contains("empty"));
    assert!(
        parse_verdict("no json here", RANGE)
            .unwrap_err()
            .contains("no JSON")
    );
    assert!(parse_verdict("{ nope nope }", RANGE).is_err());
    assert!(parse_verdict("\"just a string\"", RANGE).is_err());
}
