import assert from 'node:assert/strict';
import { test } from 'node:test';

import { featuresFromStatus, NO_FEATURES, renderStatus, StatusInput } from '../src/status';

// As the server answers `bluecode.status` (server/lsp/src/handlers/requests/status.rs).
const STATUS = {
    version: '0.1.0',
    root: '/w',
    llm: {
        enabled: true,
        configured: true,
        provider: 'openai',
        model: 'qwen2.5-coder',
        baseUrl: 'http://127.0.0.1:11434/v1',
        idleMs: 1500,
    },
    sandbox: {
        enabled: true,
        dockerHost: 'unix:///var/run/docker.sock',
        image: 'bluecode-sandbox:latest',
        reachable: false,
        engine: null,
        problem: 'no answer',
    },
};

test('features come from the server status, not from parsing bluecode.toml', () => {
    assert.deepEqual(featuresFromStatus(STATUS), {
        llm: true,
        llmModel: 'qwen2.5-coder',
        sandbox: true,
        sandboxReachable: false,
    });
    const off = { ...STATUS, llm: { ...STATUS.llm, enabled: false }, sandbox: { ...STATUS.sandbox, enabled: false, reachable: null } };
    assert.deepEqual(featuresFromStatus(off), {
        llm: false,
        llmModel: undefined,
        sandbox: false,
        sandboxReachable: undefined,
    });
    // Anything malformed (an older server, an error) is off.
    assert.deepEqual(featuresFromStatus(null), { ...NO_FEATURES, sandboxReachable: undefined });
    assert.deepEqual(featuresFromStatus('on'), { ...NO_FEATURES, sandboxReachable: undefined });
    assert.equal(featuresFromStatus({ llm: { enabled: 'yes' } }).llm, false);
});

const base: StatusInput = {
    state: 'running',
    progress: [],
    pendingDocuments: 0,
    features: NO_FEATURES,
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
    const unreachable = renderStatus({ ...base, features: featuresFromStatus(STATUS) });
    assert.match(unreachable.tooltip, /Docker engine does not answer/);
});

test('status: restarting, stopped and missing are flagged', () => {
    const r = renderStatus({ ...base, state: 'restarting', restartInSecs: 4 });
    assert.equal(r.level, 'warning');
    assert.match(r.tooltip, /restarting in 4 s/);
    assert.equal(renderStatus({ ...base, state: 'stopped' }).level, 'error');
    assert.equal(renderStatus({ ...base, state: 'missing' }).level, 'error');
    assert.equal(renderStatus({ ...base, state: 'starting' }).level, 'normal');
});
