import assert from 'node:assert/strict';
import { test } from 'node:test';

import { describeCommandResult, formatReport, parseScanReport, summary } from '../src/scan';

const REPORT = JSON.stringify({
    version: 1,
    findings: [
        {
            path: 'app/orders.py',
            start: { line: 18, column: 5 },
            end: { line: 18, column: 81 },
            rule_id: 'py.command-injection',
            message: 'CWE-78 OS command built from untrusted input',
            category: 'vulnerability',
            cwe: [78],
            severity: 'error',
            confidence: 'high',
            trace: [],
        },
        {
            path: 'app/rules.py',
            start: { line: 3, column: 1 },
            end: { line: 3, column: 9 },
            rule_id: 'py.unsafe-yaml-load',
            message: 'CWE-502 YAML loaded unsafely',
            cwe: [502],
            severity: 'warning',
            confidence: 'medium',
            fix: 'Use yaml.safe_load',
        },
    ],
    skipped: [],
    stats: { files: 4, findings: 2, skipped: 0, duration_ms: 93 },
});

test('parses the scan report', () => {
    const r = parseScanReport(REPORT);
    assert.equal(r.findings.length, 2);
    assert.equal(r.findings[0].ruleId, 'py.command-injection');
    assert.deepEqual(r.findings[0].cwe, [78]);
    assert.equal(r.findings[1].fix, 'Use yaml.safe_load');
    assert.equal(r.files, 4);
    assert.equal(r.durationMs, 93);
});

test('formats one clickable line per finding and a summary', () => {
    const text = formatReport(parseScanReport(REPORT), (p) => `/w/${p}`);
    const lines = text.split('\n');
    assert.equal(lines[0], '/w/app/orders.py:18:5: error [py.command-injection] CWE-78 OS command built from untrusted input');
    assert.equal(lines[2], 'bluecode scan: 2 findings in 2 files (4 scanned in 93 ms)');
    assert.equal(summary(parseScanReport('{"findings": []}')), 'bluecode scan: 0 findings in 0 files (0 scanned)');
});

test('rejects what is not a scan report', () => {
    assert.throws(() => parseScanReport('not json'), /not JSON/);
    assert.throws(() => parseScanReport('{"results": []}'), /findings/);
    assert.throws(() => parseScanReport('{"findings": [{"path": "a"}]}'), /start/);
});

test('command results of any shape become text', () => {
    assert.equal(describeCommandResult('# py.command-injection'), '# py.command-injection');
    assert.equal(describeCommandResult({ verdict: 'confirmed', message: 'canary reached os.system' }), 'confirmed: canary reached os.system');
    assert.equal(describeCommandResult({ markdown: '**x**' }), '**x**');
    assert.equal(describeCommandResult({ verdict: 'inconclusive' }), 'inconclusive');
    assert.equal(describeCommandResult(null), 'done (no answer)');
    assert.equal(describeCommandResult({ a: 1 }), '{\n  "a": 1\n}');
});
