// The status bar item: what the server is doing (starting / idle / analysing / stopped)
// and what is switched on (LLM judge, sandbox), derived from the settings, the
// workspace's bluecode.toml and the server's `$/progress`. Pure.

import { getNested, ServerSettings, SettingSpec } from './settings';
import { TomlScalar } from './toml';

export type ServerState = 'starting' | 'running' | 'restarting' | 'stopped' | 'missing';

export interface Features {
    llm: boolean;
    llmModel: string | undefined;
    sandbox: boolean;
}

function pick(
    settings: ServerSettings,
    toml: Map<string, TomlScalar>,
    defaults: readonly SettingSpec[],
    key: string,
    tomlKey: string,
): unknown {
    const v = getNested(settings, key);
    if (v !== undefined) {
        return v;
    }
    const t = toml.get(tomlKey);
    return t !== undefined ? t : defaults.find((s) => s.key === key)?.default;
}

/** VS Code settings win over bluecode.toml, which wins over the server's defaults. */
export function deriveFeatures(
    settings: ServerSettings,
    toml: Map<string, TomlScalar>,
    defaults: readonly SettingSpec[],
): Features {
    const baseUrl = pick(settings, toml, defaults, 'llm.baseUrl', 'llm.base_url');
    const model = pick(settings, toml, defaults, 'llm.model', 'llm.model');
    const llm = typeof baseUrl === 'string' && baseUrl.trim() !== '' && typeof model === 'string' && model.trim() !== '';
    const sandbox = pick(settings, toml, defaults, 'sandbox.enabled', 'sandbox.enabled') === true;
    return { llm, llmModel: llm && typeof model === 'string' ? model : undefined, sandbox };
}

export interface StatusInput {
    state: ServerState;
    /** Titles of the server's work-done progress in flight. */
    progress: string[];
    /** Documents changed and not yet answered with diagnostics. */
    pendingDocuments: number;
    features: Features;
    /** Seconds until an automatic restart, when one is scheduled. */
    restartInSecs?: number;
    serverVersion?: string;
    /** Which binary runs and where it came from (setting, bundled, PATH). */
    serverBinary?: { path: string; source: string };
}

export interface StatusView {
    text: string;
    tooltip: string;
    /** Drives the item's background colour. */
    level: 'normal' | 'warning' | 'error';
}

export function renderStatus(s: StatusInput): StatusView {
    const flags = `${s.features.llm ? '$(sparkle)' : ''}${s.features.sandbox ? '$(beaker)' : ''}`;
    const suffix = flags === '' ? '' : ` ${flags}`;
    let text: string;
    let headline: string;
    let level: StatusView['level'] = 'normal';
    switch (s.state) {
        case 'starting':
            text = '$(loading~spin) bluecode';
            headline = 'Starting the server…';
            break;
        case 'restarting':
            text = '$(debug-restart) bluecode';
            headline =
                s.restartInSecs !== undefined
                    ? `The server stopped unexpectedly; restarting in ${s.restartInSecs} s.`
                    : 'Restarting the server…';
            level = 'warning';
            break;
        case 'stopped':
            text = '$(error) bluecode';
            headline = 'The server is stopped. Run "Bluecode: Restart server" to start it again.';
            level = 'error';
            break;
        case 'missing':
            text = '$(error) bluecode';
            headline = 'The bluecode binary was not found.';
            level = 'error';
            break;
        case 'running':
            if (s.progress.length > 0) {
                text = `$(sync~spin) bluecode: ${s.progress[s.progress.length - 1]}`;
                headline = `Working: ${s.progress.join('; ')}`;
            } else if (s.pendingDocuments > 0) {
                text = '$(sync~spin) bluecode';
                headline = 'Analysing…';
            } else {
                text = '$(shield) bluecode';
                headline = 'Idle: findings are up to date.';
            }
            break;
    }
    const lines = [
        headline,
        s.features.llm ? `LLM judge: on (${s.features.llmModel ?? ''})` : 'LLM judge: off (set bluecode.llm.baseUrl and bluecode.llm.model)',
        s.features.sandbox ? 'Sandbox: enabled (Verify in sandbox runs in Docker)' : 'Sandbox: off (bluecode.sandbox.enabled)',
    ];
    if (s.serverVersion !== undefined) {
        lines.push(`Server: ${s.serverVersion}`);
    }
    if (s.serverBinary !== undefined) {
        lines.push(`Binary: ${s.serverBinary.path} (${s.serverBinary.source})`);
    }
    return { text: text + suffix, tooltip: lines.join('\n'), level };
}
