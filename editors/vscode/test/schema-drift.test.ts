// package.json's settings must be exactly what the server's settings list produces, and
// the checked-in list must be what the binary prints (when a binary is at hand).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import { CLIENT_PROPERTIES, contributedProperties, RESTRICTED_KEYS } from '../src/contrib';
import { parseSchema } from '../src/settings';

// Compiled into out/test/: the extension folder is two levels up.
const EXT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(EXT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, unknown> } };
    capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};
const checkedIn = JSON.parse(readFileSync(path.join(EXT, 'settings-schema.json'), 'utf8')) as unknown;

function binary(): string | undefined {
    const fromEnv = process.env.BLUECODE_BIN;
    if (fromEnv !== undefined && fromEnv !== '') {
        return fromEnv;
    }
    const built = path.resolve(EXT, '..', '..', 'target', 'debug', 'bluecode');
    return existsSync(built) ? built : undefined;
}

test('package.json settings are generated from the server settings list (npm run sync-settings)', () => {
    const expected = contributedProperties(parseSchema(checkedIn));
    assert.deepEqual(pkg.contributes.configuration.properties, JSON.parse(JSON.stringify(expected)));
});

test('every server setting is contributed as bluecode.<key>, and only client keys besides', () => {
    const keys = parseSchema(checkedIn).map((s) => `bluecode.${s.key}`);
    const contributed = Object.keys(pkg.contributes.configuration.properties);
    assert.deepEqual(contributed.filter((k) => !keys.includes(k)).sort(), Object.keys(CLIENT_PROPERTIES).sort());
    for (const k of keys) {
        assert.ok(contributed.includes(k), `${k} missing from package.json`);
    }
    assert.deepEqual(
        pkg.capabilities.untrustedWorkspaces.restrictedConfigurations,
        RESTRICTED_KEYS.map((k) => `bluecode.${k}`),
    );
});

test('the checked-in settings-schema.json equals `bluecode config schema` of the built binary', (t) => {
    const bin = binary();
    if (bin === undefined) {
        t.skip('no binary (set BLUECODE_BIN or build target/debug/bluecode): compared against the checked-in copy only');
        return;
    }
    const live = JSON.parse(execFileSync(bin, ['config', 'schema'], { encoding: 'utf8' })) as unknown;
    assert.deepEqual(
        parseSchema(checkedIn),
        parseSchema(live),
        'settings-schema.json is stale: run `npm run sync-settings -- --from-binary <bluecode>`',
    );
});
