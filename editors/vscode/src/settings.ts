// The settings the server reads, as VS Code holds them (`bluecode.<key>`, camelCase,
// dotted for the `llm` and `sandbox` sections) turned into what the server is sent in
// `initializationOptions` and `workspace/configuration`: a nested object holding only the
// values the user set, so that everything left at its default falls through to the
// workspace's `bluecode.toml`. Pure.

import schemaJson from '../settings-schema.json';

export type SettingType = 'string' | 'number' | 'boolean' | 'array';

/** One entry of `bluecode config schema`. */
export interface SettingSpec {
    key: string;
    type: SettingType;
    enum?: string[];
    default: unknown;
    description: string;
}

const TYPES: readonly string[] = ['string', 'number', 'boolean', 'array'];

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates the shape of `bluecode config schema` output; throws with the offending entry. */
export function parseSchema(json: unknown): SettingSpec[] {
    if (!isRecord(json) || !Array.isArray(json.settings)) {
        throw new Error('settings schema: expected {"settings": [...]}');
    }
    return json.settings.map((entry: unknown, i: number): SettingSpec => {
        if (!isRecord(entry)) {
            throw new Error(`settings schema: entry ${i} is not an object`);
        }
        const { key, type, description } = entry;
        if (typeof key !== 'string' || !/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*$/.test(key)) {
            throw new Error(`settings schema: entry ${i} has a bad key ${JSON.stringify(key)}`);
        }
        if (typeof type !== 'string' || !TYPES.includes(type)) {
            throw new Error(`settings schema: ${key} has an unknown type ${JSON.stringify(type)}`);
        }
        if (typeof description !== 'string') {
            throw new Error(`settings schema: ${key} has no description`);
        }
        const spec: SettingSpec = { key, type: type as SettingType, default: entry.default, description };
        if (entry.enum !== undefined) {
            if (!Array.isArray(entry.enum) || !entry.enum.every((e) => typeof e === 'string')) {
                throw new Error(`settings schema: ${key} has a non-string enum`);
            }
            spec.enum = entry.enum;
        }
        return spec;
    });
}

/** The server's settings as checked in (`settings-schema.json`, kept equal to the binary's output by a test). */
export const SERVER_SETTINGS: readonly SettingSpec[] = parseSchema(schemaJson);

/** The subset of `WorkspaceConfiguration.inspect()` this module uses. */
export interface Inspected {
    globalValue?: unknown;
    workspaceValue?: unknown;
    workspaceFolderValue?: unknown;
}

export type Inspect = (key: string) => Inspected | undefined;

/** The value the user set, the most specific scope winning; undefined when only the default applies. */
export function explicitValue(i: Inspected | undefined): unknown {
    if (i === undefined) {
        return undefined;
    }
    if (i.workspaceFolderValue !== undefined) {
        return i.workspaceFolderValue;
    }
    if (i.workspaceValue !== undefined) {
        return i.workspaceValue;
    }
    return i.globalValue;
}

export function valueMatches(spec: SettingSpec, v: unknown): boolean {
    switch (spec.type) {
        case 'string':
            return typeof v === 'string' && (spec.enum === undefined || spec.enum.includes(v));
        case 'number':
            return typeof v === 'number' && Number.isFinite(v);
        case 'boolean':
            return typeof v === 'boolean';
        case 'array':
            return Array.isArray(v) && v.every((e) => typeof e === 'string');
    }
}

export type ServerSettings = Record<string, unknown>;

export function getNested(obj: ServerSettings, dotted: string): unknown {
    let cur: unknown = obj;
    for (const part of dotted.split('.')) {
        if (!isRecord(cur)) {
            return undefined;
        }
        cur = cur[part];
    }
    return cur;
}

export function setNested(obj: ServerSettings, dotted: string, value: unknown): void {
    const parts = dotted.split('.');
    let cur: Record<string, unknown> = obj;
    for (const part of parts.slice(0, -1)) {
        const next = cur[part];
        if (isRecord(next)) {
            cur = next;
        } else {
            const created: Record<string, unknown> = {};
            cur[part] = created;
            cur = created;
        }
    }
    cur[parts[parts.length - 1]] = value;
}

export interface MappedSettings {
    settings: ServerSettings;
    /** Values of the wrong type, left out (with the reason), so the server never sees them. */
    problems: string[];
}

/**
 * `userOnly`: keys whose workspace values are ignored (an untrusted workspace must not
 * choose where code is sent or what runs); only the user's own value counts for them.
 */
export function toServerSettings(
    specs: readonly SettingSpec[],
    inspect: Inspect,
    userOnly: readonly string[] = [],
): MappedSettings {
    const settings: ServerSettings = {};
    const problems: string[] = [];
    for (const spec of specs) {
        const inspected = inspect(spec.key);
        const v = userOnly.includes(spec.key) ? inspected?.globalValue : explicitValue(inspected);
        if (v === undefined || v === null) {
            continue;
        }
        if (!valueMatches(spec, v)) {
            const want = spec.enum !== undefined ? `one of ${spec.enum.join(', ')}` : spec.type;
            problems.push(`bluecode.${spec.key}: ${JSON.stringify(v)} is not ${want}; ignored`);
            continue;
        }
        setNested(settings, spec.key, v);
    }
    return { settings, problems };
}

/** Where the extension puts a key the user typed when no `llm.apiKeyEnv` is set. */
export const DEFAULT_API_KEY_ENV = 'BLUECODE_LLM_API_KEY';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * With a stored API key, the server must be told which variable holds it: the one the
 * user named in `bluecode.llm.apiKeyEnv`, else {@link DEFAULT_API_KEY_ENV}. Returns a copy.
 */
export function withApiKeyEnv(settings: ServerSettings, hasStoredKey: boolean): ServerSettings {
    const copy = structuredClone(settings);
    if (hasStoredKey && apiKeyEnvName(copy) === undefined) {
        setNested(copy, 'llm.apiKeyEnv', DEFAULT_API_KEY_ENV);
    }
    return copy;
}

export function apiKeyEnvName(settings: ServerSettings): string | undefined {
    const v = getNested(settings, 'llm.apiKeyEnv');
    return typeof v === 'string' && ENV_NAME.test(v) ? v : undefined;
}

/**
 * The environment the server is started with: the extension host's, plus the stored key
 * under the variable the settings name. The key never appears in the settings themselves.
 */
export function serverEnvironment(
    base: NodeJS.ProcessEnv,
    settings: ServerSettings,
    storedKey: string | undefined,
): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...base };
    const name = apiKeyEnvName(settings);
    if (storedKey !== undefined && storedKey.length > 0 && name !== undefined) {
        env[name] = storedKey;
    }
    return env;
}

/**
 * The answer to one `workspace/configuration` item: `bluecode` gives the whole object,
 * `bluecode.llm` a section, no section `{ bluecode: ... }`; other sections are not ours (null).
 */
export function configurationItem(settings: ServerSettings, section: string | undefined): unknown {
    if (section === undefined || section === '') {
        return { bluecode: settings };
    }
    if (section === 'bluecode') {
        return settings;
    }
    if (section.startsWith('bluecode.')) {
        const v = getNested(settings, section.slice('bluecode.'.length));
        return v === undefined ? null : v;
    }
    return null;
}

/** camelCase key (dotted) → the snake_case key of `bluecode.toml`. */
export function tomlKey(key: string): string {
    return key
        .split('.')
        .map((p) => p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))
        .join('.');
}
