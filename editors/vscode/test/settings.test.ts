import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
    configurationItem,
    DEFAULT_API_KEY_ENV,
    explicitValue,
    Inspected,
    parseSchema,
    SERVER_SETTINGS,
    serverEnvironment,
    toServerSettings,
    tomlKey,
    withApiKeyEnv,
} from '../src/settings';

function inspector(values: Record<string, Inspected>): (key: string) => Inspected | undefined {
    return (key) => values[key] ?? {};
}

test('only values the user set are sent, nested by section', () => {
    const { settings, problems } = toServerSettings(
        SERVER_SETTINGS,
        inspector({
            minSeverity: { globalValue: 'warning' },
            'llm.baseUrl': { workspaceValue: 'http://127.0.0.1:8765/v1' },
            'llm.model': { globalValue: 'a', workspaceValue: 'b', workspaceFolderValue: 'c' },
            'sandbox.enabled': { globalValue: true },
            exclude: { workspaceValue: ['vendor/**'] },
        }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
        minSeverity: 'warning',
        exclude: ['vendor/**'],
        llm: { baseUrl: 'http://127.0.0.1:8765/v1', model: 'c' },
        sandbox: { enabled: true },
    });
});

test('nothing set sends an empty object, so bluecode.toml decides', () => {
    assert.deepEqual(toServerSettings(SERVER_SETTINGS, () => undefined).settings, {});
});

test('values of the wrong type are left out with a message', () => {
    const { settings, problems } = toServerSettings(
        SERVER_SETTINGS,
        inspector({
            minSeverity: { globalValue: 'loud' },
            maxFileSize: { globalValue: '10' },
            disabled: { globalValue: ['py.x', 3] },
            'sandbox.enabled': { globalValue: 'yes' },
            minConfidence: { globalValue: 'high' },
        }),
    );
    assert.deepEqual(settings, { minConfidence: 'high' });
    assert.equal(problems.length, 4);
    assert.match(problems[0], /^bluecode\.minSeverity: "loud" is not one of (\w+, )*info, warning, error; ignored$/);
});

test('userOnly keys ignore workspace values (untrusted workspace)', () => {
    const { settings } = toServerSettings(
        SERVER_SETTINGS,
        inspector({
            'llm.baseUrl': { globalValue: 'http://mine/v1', workspaceValue: 'http://attacker/v1' },
            'sandbox.dockerHost': { workspaceValue: 'tcp://evil:2375' },
            minSeverity: { workspaceValue: 'error' },
        }),
        ['llm.baseUrl', 'sandbox.dockerHost'],
    );
    assert.deepEqual(settings, { minSeverity: 'error', llm: { baseUrl: 'http://mine/v1' } });
});

test('explicitValue: folder > workspace > user', () => {
    assert.equal(explicitValue({ globalValue: 1, workspaceValue: 2 }), 2);
    assert.equal(explicitValue({ globalValue: 1 }), 1);
    assert.equal(explicitValue(undefined), undefined);
});

test('a stored API key: the variable name is sent, the key only goes in the environment', () => {
    const secret = 'sk-test-123456';
    const named = withApiKeyEnv({ llm: { apiKeyEnv: 'OPENAI_API_KEY', model: 'm' } }, true);
    assert.deepEqual(named, { llm: { apiKeyEnv: 'OPENAI_API_KEY', model: 'm' } });
    const env = serverEnvironment({ PATH: '/bin' }, named, secret);
    assert.equal(env.OPENAI_API_KEY, secret);
    assert.equal(env.PATH, '/bin');

    const defaulted = withApiKeyEnv({ minSeverity: 'info' }, true);
    assert.deepEqual(defaulted, { minSeverity: 'info', llm: { apiKeyEnv: DEFAULT_API_KEY_ENV } });
    assert.equal(serverEnvironment({}, defaulted, secret)[DEFAULT_API_KEY_ENV], secret);
    assert.ok(!JSON.stringify(defaulted).includes(secret));

    // No stored key: nothing is invented.
    assert.deepEqual(withApiKeyEnv({}, false), {});
    assert.deepEqual(serverEnvironment({ A: '1' }, {}, undefined), { A: '1' });
    // A bad variable name is not used.
    assert.deepEqual(serverEnvironment({}, { llm: { apiKeyEnv: 'X=Y' } }, secret), {});
});

test('withApiKeyEnv does not modify its argument', () => {
    const s = { llm: { model: 'm' } };
    withApiKeyEnv(s, true);
    assert.deepEqual(s, { llm: { model: 'm' } });
});

test('workspace/configuration items', () => {
    const s = { minSeverity: 'error', llm: { model: 'm' } };
    assert.deepEqual(configurationItem(s, 'bluecode'), s);
    assert.deepEqual(configurationItem(s, 'bluecode.llm'), { model: 'm' });
    assert.equal(configurationItem(s, 'bluecode.llm.model'), 'm');
    assert.equal(configurationItem(s, 'bluecode.sandbox'), null);
    assert.deepEqual(configurationItem(s, undefined), { bluecode: s });
    assert.equal(configurationItem(s, 'python'), null);
});

test('toml keys are the snake_case of the settings', () => {
    assert.equal(tomlKey('llm.baseUrl'), 'llm.base_url');
    assert.equal(tomlKey('maxFileSize'), 'max_file_size');
    assert.equal(tomlKey('sandbox.memoryMb'), 'sandbox.memory_mb');
});

test('parseSchema rejects malformed schemas', () => {
    assert.throws(() => parseSchema({}), /settings/);
    assert.throws(() => parseSchema({ settings: [{ key: 'x', type: 'object', description: '' }] }), /unknown type/);
    assert.throws(() => parseSchema({ settings: [{ key: 'Bad Key', type: 'string', description: '' }] }), /bad key/);
    assert.throws(() => parseSchema({ settings: [{ key: 'x', type: 'string', description: '', enum: [1] }] }), /enum/);
    assert.deepEqual(parseSchema({ settings: [{ key: 'a.b', type: 'boolean', default: false, description: 'd' }] }), [
        { key: 'a.b', type: 'boolean', default: false, description: 'd' },
    ]);
});
