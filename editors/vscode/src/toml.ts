// Just enough of `bluecode.toml` to tell the status bar whether the LLM judge and the
// sandbox are switched on: `[section]` headers and `key = scalar` lines (strings,
// booleans, numbers). Anything else is skipped; the server remains the real parser. Pure.

export type TomlScalar = string | number | boolean;

function unquote(raw: string): TomlScalar | undefined {
    const v = raw.trim();
    const basic = /^"((?:[^"\\]|\\.)*)"/.exec(v);
    if (basic !== null) {
        return basic[1].replace(/\\(["\\nt])/g, (_m, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
    }
    const literal = /^'([^']*)'/.exec(v);
    if (literal !== null) {
        return literal[1];
    }
    const word = v.replace(/\s*#.*$/, '');
    if (word === 'true' || word === 'false') {
        return word === 'true';
    }
    if (/^[+-]?\d[\d_]*(\.\d+)?$/.test(word)) {
        return Number(word.replace(/_/g, ''));
    }
    return undefined;
}

/** Dotted keys (`llm.base_url`) to scalar values. */
export function readTomlScalars(text: string): Map<string, TomlScalar> {
    const out = new Map<string, TomlScalar>();
    let section = '';
    for (const rawLine of text.split(/\r?\n/)) {
        const line = rawLine.trim();
        if (line === '' || line.startsWith('#')) {
            continue;
        }
        const header = /^\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$/.exec(line);
        if (header !== null) {
            section = header[1];
            continue;
        }
        if (line.startsWith('[')) {
            section = '\u0000'; // an array of tables: nothing we read lives there
            continue;
        }
        const kv = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
        if (kv === null || section === '\u0000') {
            continue;
        }
        const value = unquote(kv[2]);
        if (value !== undefined) {
            out.set(section === '' ? kv[1] : `${section}.${kv[1]}`, value);
        }
    }
    return out;
}
