// `bluecode scan --format json` output: parsing and the text the extension shows. Pure.

export interface ScanPosition {
    line: number;
    column: number;
}

export interface ScanFinding {
    path: string;
    start: ScanPosition;
    end: ScanPosition;
    ruleId: string;
    message: string;
    severity: string;
    confidence: string;
    cwe: number[];
    fix?: string;
}

export interface ScanReport {
    findings: ScanFinding[];
    skipped: string[];
    files: number;
    durationMs: number | undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function position(v: unknown, what: string): ScanPosition {
    if (!isRecord(v) || typeof v.line !== 'number' || typeof v.column !== 'number') {
        throw new Error(`scan report: ${what} is not a {line, column} position`);
    }
    return { line: v.line, column: v.column };
}

function str(v: unknown, what: string): string {
    if (typeof v !== 'string') {
        throw new Error(`scan report: ${what} is not a string`);
    }
    return v;
}

export function parseScanReport(text: string): ScanReport {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        throw new Error(`scan report is not JSON: ${(e as Error).message}`);
    }
    if (!isRecord(json) || !Array.isArray(json.findings)) {
        throw new Error('scan report: no "findings" array');
    }
    const findings = json.findings.map((f: unknown, i: number): ScanFinding => {
        if (!isRecord(f)) {
            throw new Error(`scan report: finding ${i} is not an object`);
        }
        const out: ScanFinding = {
            path: str(f.path, `finding ${i} path`),
            start: position(f.start, `finding ${i} start`),
            end: position(f.end, `finding ${i} end`),
            ruleId: str(f.rule_id, `finding ${i} rule_id`),
            message: str(f.message, `finding ${i} message`),
            severity: typeof f.severity === 'string' ? f.severity : 'warning',
            confidence: typeof f.confidence === 'string' ? f.confidence : 'medium',
            cwe: Array.isArray(f.cwe) ? f.cwe.filter((c): c is number => typeof c === 'number') : [],
        };
        if (typeof f.fix === 'string') {
            out.fix = f.fix;
        }
        return out;
    });
    const skipped = Array.isArray(json.skipped)
        ? json.skipped.map((s) => (typeof s === 'string' ? s : JSON.stringify(s)))
        : [];
    const stats = isRecord(json.stats) ? json.stats : {};
    return {
        findings,
        skipped,
        files: typeof stats.files === 'number' ? stats.files : 0,
        durationMs: typeof stats.duration_ms === 'number' ? stats.duration_ms : undefined,
    };
}

/** One line per finding, `path:line:column` first so the output channel links it. */
export function formatReport(report: ScanReport, resolvePath: (p: string) => string): string {
    const lines = report.findings.map(
        (f) => `${resolvePath(f.path)}:${f.start.line}:${f.start.column}: ${f.severity} [${f.ruleId}] ${f.message}`,
    );
    for (const s of report.skipped) {
        lines.push(`skipped: ${s}`);
    }
    lines.push(summary(report));
    return lines.join('\n');
}

export function summary(report: ScanReport): string {
    const files = new Set(report.findings.map((f) => f.path)).size;
    const took = report.durationMs !== undefined ? ` in ${report.durationMs} ms` : '';
    const n = report.findings.length;
    return `bluecode scan: ${n} finding${n === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${report.files} scanned${took})`;
}

/** Text of a `workspace/executeCommand` answer (verify, showConstitution), whatever its shape. */
export function describeCommandResult(result: unknown): string {
    if (result === null || result === undefined) {
        return 'done (no answer)';
    }
    if (typeof result === 'string') {
        return result;
    }
    if (isRecord(result)) {
        for (const k of ['markdown', 'message', 'text', 'summary']) {
            const v = result[k];
            if (typeof v === 'string' && v.trim() !== '') {
                const verdict = typeof result.verdict === 'string' ? `${result.verdict}: ` : '';
                return verdict + v;
            }
        }
        if (typeof result.verdict === 'string') {
            return result.verdict;
        }
    }
    return JSON.stringify(result, null, 2);
}
