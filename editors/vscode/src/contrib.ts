// The `contributes.configuration.properties` of package.json, generated from the server's
// settings list (`bluecode config schema`) plus the keys only the client reads. A test
// checks package.json against this and the checked-in schema against the binary, so the
// extension and the server can never disagree about a setting's name, type or default.

import { SettingSpec } from './settings';

export interface ContributedProperty {
    type: string | string[];
    default: unknown;
    description?: string;
    markdownDescription?: string;
    enum?: string[];
    items?: { type: string };
    scope?: string;
    order: number;
}

/** Keys the extension itself reads; the server never sees them. */
export const CLIENT_PROPERTIES: Record<string, Omit<ContributedProperty, 'order'>> = {
    'bluecode.server.path': {
        type: 'string',
        default: '',
        scope: 'machine',
        markdownDescription:
            'Path of the `bluecode` executable. Empty: the binary bundled with the extension, then `bluecode` on PATH. `~` and `${workspaceFolder}` are expanded.',
    },
    'bluecode.trace.server': {
        type: 'string',
        enum: ['off', 'messages', 'verbose'],
        default: 'off',
        scope: 'window',
        description: 'Log the LSP messages between VS Code and the server in the bluecode output channel.',
    },
};

/**
 * Settings a workspace must not set while it is untrusted: they choose what runs and
 * where code is sent.
 */
export const RESTRICTED_KEYS = ['server.path', 'llm.baseUrl', 'llm.apiKeyEnv', 'sandbox.enabled', 'sandbox.dockerHost', 'sandbox.image'];

export function contributedProperties(specs: readonly SettingSpec[]): Record<string, ContributedProperty> {
    const out: Record<string, ContributedProperty> = {};
    specs.forEach((spec, i) => {
        const prop: ContributedProperty = {
            // A null default ("not set") is contributed as a nullable type.
            type: spec.default === null ? [spec.type, 'null'] : spec.type,
            default: spec.default,
            markdownDescription: spec.description,
            order: i,
        };
        if (spec.enum !== undefined) {
            prop.enum = spec.enum;
        }
        if (spec.type === 'array') {
            prop.items = { type: 'string' };
        }
        out[`bluecode.${spec.key}`] = prop;
    });
    let order = specs.length;
    for (const [key, prop] of Object.entries(CLIENT_PROPERTIES)) {
        out[key] = { ...prop, order: order++ };
    }
    return out;
}
