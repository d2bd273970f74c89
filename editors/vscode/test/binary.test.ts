import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BUNDLED_DIR, describeFailure, describeSource, expandSettingPath, resolveBinary, ResolveInput } from '../src/binary';

function input(executables: string[], over: Partial<ResolveInput> = {}): ResolveInput {
    return {
        configured: '',
        extensionPath: '/ext',
        platform: 'linux',
        pathEnv: '/usr/local/bin:/usr/bin',
        home: '/home/u',
        workspaceFolder: '/proj',
        isExecutableFile: (p) => executables.includes(p),
        ...over,
    };
}

test('the setting wins over the bundled binary and PATH', () => {
    const r = resolveBinary(input(['/opt/bc/bluecode', '/ext/server/bluecode', '/usr/bin/bluecode'], { configured: '/opt/bc/bluecode' }));
    assert.deepEqual(r, { kind: 'found', path: '/opt/bc/bluecode', source: 'setting' });
});

test('a setting that is not executable is an error, not a silent fallback', () => {
    const r = resolveBinary(input(['/ext/server/bluecode', '/usr/bin/bluecode'], { configured: '~/bin/bluecode' }));
    assert.deepEqual(r, { kind: 'badSetting', configured: '~/bin/bluecode', expanded: '/home/u/bin/bluecode' });
    assert.equal(r.kind, 'badSetting');
    if (r.kind === 'badSetting') {
        const msg = describeFailure(r);
        assert.match(msg, /bluecode\.server\.path/);
        assert.match(msg, /\/home\/u\/bin\/bluecode/);
    }
});

test('bundled server/bluecode comes before PATH', () => {
    const r = resolveBinary(input(['/ext/server/bluecode', '/usr/bin/bluecode']));
    assert.deepEqual(r, { kind: 'found', path: '/ext/server/bluecode', source: 'bundled' });
});

test('PATH is searched in order', () => {
    const r = resolveBinary(input(['/usr/bin/bluecode', '/usr/local/bin/bluecode']));
    assert.deepEqual(r, { kind: 'found', path: '/usr/local/bin/bluecode', source: 'path' });
});

test('nothing found lists what was tried and says how to install', () => {
    const r = resolveBinary(input([]));
    assert.deepEqual(r, { kind: 'missing', tried: ['/ext/server/bluecode', '/usr/local/bin/bluecode', '/usr/bin/bluecode'] });
    if (r.kind === 'missing') {
        assert.match(describeFailure(r), /pip install bluecode/);
        assert.match(describeFailure(r), /bundled server\/bluecode/);
    }
});

test('a bare name in the setting is looked up on PATH', () => {
    assert.deepEqual(resolveBinary(input(['/usr/bin/bluecode-nightly'], { configured: 'bluecode-nightly' })), {
        kind: 'found',
        path: '/usr/bin/bluecode-nightly',
        source: 'setting',
    });
    assert.equal(resolveBinary(input([], { configured: 'bluecode-nightly' })).kind, 'badSetting');
});

test('setting paths: ~, ${workspaceFolder}, ${userHome}, relative to the workspace', () => {
    assert.equal(expandSettingPath('~/x/bluecode', '/home/u', '/proj', 'linux'), '/home/u/x/bluecode');
    assert.equal(expandSettingPath('${workspaceFolder}/target/debug/bluecode', '/h', '/proj', 'linux'), '/proj/target/debug/bluecode');
    assert.equal(expandSettingPath('${userHome}/bc', '/h', undefined, 'linux'), '/h/bc');
    assert.equal(expandSettingPath('target/debug/bluecode', '/h', '/proj', 'linux'), '/proj/target/debug/bluecode');
    assert.equal(expandSettingPath('  /abs/bluecode ', '/h', '/proj', 'linux'), '/abs/bluecode');
});

test('Windows: PATHEXT names and ; separated PATH', () => {
    const r = resolveBinary(
        input(['C:\\tools\\bluecode.exe'], {
            platform: 'win32',
            extensionPath: 'C:\\ext',
            pathEnv: 'C:\\Windows;C:\\tools',
            pathExt: '.COM;.EXE',
            home: 'C:\\Users\\u',
            workspaceFolder: 'C:\\proj',
        }),
    );
    assert.deepEqual(r, { kind: 'found', path: 'C:\\tools\\bluecode.exe', source: 'path' });
});

test('each source is named in words for the output channel and the status tooltip', () => {
    assert.equal(describeSource('setting'), 'bluecode.server.path');
    assert.equal(describeSource('bundled'), 'bundled with the extension');
    assert.equal(describeSource('path'), 'PATH');
    assert.equal(BUNDLED_DIR, 'server');
});
