// Regenerates contributes.configuration.properties in package.json from
// settings-schema.json (the output of `bluecode config schema`); with --from-binary PATH it
// first refreshes settings-schema.json from that binary. Run `npm run sync-settings`.
import { execFileSync } from 'child_process';
import { createRequire } from 'module';
import { readFileSync, writeFileSync } from 'fs';

const require = createRequire(import.meta.url);
const { contributedProperties, RESTRICTED_KEYS } = require('../out/src/contrib.js');
const { parseSchema } = require('../out/src/settings.js');

const i = process.argv.indexOf('--from-binary');
if (i !== -1) {
    const json = execFileSync(process.argv[i + 1], ['config', 'schema'], { encoding: 'utf8' });
    writeFileSync('settings-schema.json', JSON.stringify(JSON.parse(json), null, 2) + '\n');
}
const schema = parseSchema(JSON.parse(readFileSync('settings-schema.json', 'utf8')));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
pkg.contributes.configuration.properties = contributedProperties(schema);
pkg.capabilities = {
    untrustedWorkspaces: {
        supported: 'limited',
        description: 'In an untrusted workspace the workspace cannot choose the server binary, the LLM endpoint or the sandbox.',
        restrictedConfigurations: RESTRICTED_KEYS.map((k) => `bluecode.${k}`),
    },
    virtualWorkspaces: false,
};
writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
console.log(`package.json: ${Object.keys(pkg.contributes.configuration.properties).length} settings`);
