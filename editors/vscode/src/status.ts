// The status bar item: what the server is doing (starting / idle / analysing / stopped)
// and what is switched on (LLM judge, sandbox), as the server reports it through the
// `bluecode.status` command, and the server's `$/progress`. Pure.

export type ServerState = 'starting' | 'running' | 'restarting' | 'stopped' | 'missing';

export interface Features {
    llm: boolean;
    llmModel: string | undefined;
    sandbox: boolean;
    /** Whether the Docker engine answered; undefined when it was not asked (sandbox off). */
    sandboxReachable?: boolean;
}

/** Nothing is on until the server says so. */
export const NO_FEATURES: Features = { llm: false, llmModel: undefined, sandbox: false };

function field(value: unknown, key: string): unknown {
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The answer of `workspace/executeCommand` `bluecode.status` (see the server's
 * `handlers/requests/status.rs`); anything malformed counts as off. */
export function featuresFromStatus(status: unknown): Features {
    const llm = field(status, 'llm');
    const sandbox = field(status, 'sandbox');
    const llmOn = field(llm, 'enabled') === true;
    const model = field(llm, 'model');
    const reachable = field(sandbox, 'reachable');
    return {
        llm: llmOn,
        llmModel: llmOn && typeof model === 'string' ? model : undefined,
        sandbox: field(sandbox, 'enabled') === true,
        sandboxReachable: typeof reachable === 'boolean' ? reachable : undefined,
    };
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
        !s.features.sandbox
            ? 'Sandbox: off (bluecode.sandbox.enabled)'
            : s.features.sandboxReachable === false
              ? 'Sandbox: enabled, but the Docker engine does not answer'
              : 'Sandbox: enabled (Verify in sandbox runs in Docker)',
    ];
    if (s.serverVersion !== undefined) {
        lines.push(`Server: ${s.serverVersion}`);
    }
    if (s.serverBinary !== undefined) {
        lines.push(`Binary: ${s.serverBinary.path} (${s.serverBinary.source})`);
    }
    return { text: text + suffix, tooltip: lines.join('\n'), level };
}
