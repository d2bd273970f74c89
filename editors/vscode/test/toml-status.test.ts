import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SERVER_SETTINGS, SettingSpec } from '../src/settings';
import { deriveFeatures, renderStatus, StatusInput } from '../src/status';
import { readTomlScalars } from '../src/toml';

const TOML = `# workspace settings
min_severity = "warning"
exclude = ["vendor/**"]

[llm]
base_url = "http://127.0.0.1:11434/v1"   # local Ollama
model = 'qwen2.5-coder'
timeout_secs = 30

[sandbox]
enabled = true

[[extra]]
enabled = false
`;

test('reads sections and scalars, skips arrays and arrays of tables', () => {
    const m = readTomlScalars(TOML);
    assert.equal(m.get('min_severity'), 'warning');
    assert.equal(m.get('llm.base_url'), 'http://127.0.0.1:11434/v1');
    assert.equal(m.get('llm.model'), 'qwen2.5-coder');
    assert.equal(m.get('llm.timeout_secs'), 30);
    assert.equal(m.get('sandbox.enabled'), true);
    assert.equal(m.has('exclude'), false);
    assert.equal(m.has('extra.enabled'), false);
});

test('features: VS Code settings win over bluecode.toml, which wins over the server defaults', () => {
    const toml = readTomlScalars(TOML);
    const off: SettingSpec[] = [{ key: 'sandbox.enabled', type: 'boolean', default: false, description: '' }];
    const on: SettingSpec[] = [{ key: 'sandbox.enabled', type: 'boolean', default: true, description: '' }];
    assert.deepEqual(deriveFeatures({}, toml, off), { llm: true, llmModel: 'qwen2.5-coder', sandbox: true });
    assert.deepEqual(deriveFeatures({ llm: { model: '' }, sandbox: { enabled: false } }, toml, on), {
        llm: false,
        llmModel: undefined,
        sandbox: false,
    });
    assert.deepEqual(deriveFeatures({}, new Map(), off), { llm: false, llmModel: undefined, sandbox: false });
    assert.deepEqual(deriveFeatures({}, new Map(), on), { llm: false, llmModel: undefined, sandbox: true });
    assert.deepEqual(deriveFeatures({}, new Map([['sandbox.enabled', false]]), on).sandbox, false);
    // The checked-in server defaults are usable as they are.
    assert.equal(typeof deriveFeatures({}, new Map(), SERVER_SETTINGS).sandbox, 'boolean');
});

const base: StatusInput = {
    state: 'running',
    progress: [],
    pendingDocuments: 0,
    features: { llm: false, llmModel: undefined, sandbox: false },
};

test('status: idle, analysing, progress, and what is switched on', () => {
    assert.equal(renderStatus(base).text, '$(shield) bluecode');
    assert.match(renderStatus(base).tooltip, /Idle/);
    assert.match(renderStatus(base).tooltip, /LLM judge: off/);
    assert.equal(renderStatus({ ...base, pendingDocuments: 2 }).text, '$(sync~spin) bluecode');
    assert.equal(renderStatus({ ...base, progress: ['LLM review'] }).text, '$(sync~spin) bluecode: LLM review');
    const on = renderStatus({ ...base, features: { llm: true, llmModel: 'm', sandbox: true } });
    assert.equal(on.text, '$(shield) bluecode $(sparkle)$(beaker)');
    assert.match(on.tooltip, /LLM judge: on \(m\)/);
    assert.match(on.tooltip, /Sandbox: enabled/);
});

test('status: restarting, stopped and missing are flagged', () => {
    const r = renderStatus({ ...base, state: 'restarting', restartInSecs: 4 });
    assert.equal(r.level, 'warning');
    assert.match(r.tooltip, /restarting in 4 s/);
    assert.equal(renderStatus({ ...base, state: 'stopped' }).level, 'error');
    assert.equal(renderStatus({ ...base, state: 'missing' }).level, 'error');
    assert.equal(renderStatus({ ...base, state: 'starting' }).level, 'normal');
});

test('status: the tooltip names the binary and where it came from', () => {
    const r = renderStatus({ ...base, serverBinary: { path: '/ext/server/bluecode', source: 'bundled with the extension' } });
    assert.match(r.tooltip, /Binary: \/ext\/server\/bluecode \(bundled with the extension\)/);
    assert.doesNotMatch(renderStatus(base).tooltip, /Binary:/);
});
