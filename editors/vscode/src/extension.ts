// The VS Code side of bluecode: starts `bluecode lsp`, keeps it running, maps the
// settings, and adds the commands, the status bar item and the output channel. All the
// analysis happens in the server; nothing here needs a custom protocol message.

import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
    CloseAction,
    DidChangeConfigurationNotification,
    ErrorAction,
    ExecuteCommandRequest,
    LanguageClient,
    LanguageClientOptions,
    RevealOutputChannelOn,
    ServerOptions,
    State,
} from 'vscode-languageclient/node';

import { RestartPolicy } from './backoff';
import { RESTRICTED_KEYS } from './contrib';
import { BinarySource, describeFailure, describeSource, resolveBinary } from './binary';
import { describeCommandResult, formatReport, parseScanReport, ScanFinding, summary } from './scan';
import {
    apiKeyEnvName,
    configurationItem,
    DEFAULT_API_KEY_ENV,
    SERVER_SETTINGS,
    serverEnvironment,
    ServerSettings,
    toServerSettings,
    withApiKeyEnv,
} from './settings';
import { Features, featuresFromStatus, NO_FEATURES, renderStatus, ServerState } from './status';

const SECRET_KEY = 'bluecode.llm.apiKey';
const LANGUAGES = ['python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'go', 'java', 'c', 'cpp'];
/** AI instruction files, checked for hidden Unicode and prompt injection. */
const INSTRUCTION_FILES = '**/{AGENTS.md,CLAUDE.md,GEMINI.md,.cursorrules,.windsurfrules,copilot-instructions.md}';
const PENDING_TIMEOUT_MS = 10_000;
// How long after a settings change the server is asked again what is on (it re-reads first).
const STATUS_REFRESH_MS = 1_000;

function isExecutableFile(p: string): boolean {
    try {
        if (!fs.statSync(p).isFile()) {
            return false;
        }
        fs.accessSync(p, fs.constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

function diagnosticCode(d: vscode.Diagnostic): string | undefined {
    const c = d.code;
    if (c === undefined) {
        return undefined;
    }
    return typeof c === 'object' ? String(c.value) : String(c);
}

function isOurs(d: vscode.Diagnostic): boolean {
    return d.source?.startsWith('bluecode') === true;
}

function errorText(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
}

class Bluecode implements vscode.Disposable {
    private readonly output: vscode.OutputChannel;
    private readonly scanOutput: vscode.OutputChannel;
    private readonly statusItem: vscode.StatusBarItem;
    private readonly policy = new RestartPolicy();
    private readonly progress = new Map<string | number, string>();
    private readonly pending = new Map<string, NodeJS.Timeout>();
    private readonly disposables: vscode.Disposable[] = [];
    private client: LanguageClient | undefined;
    private state: ServerState = 'starting';
    private startedAt = 0;
    private restartTimer: NodeJS.Timeout | undefined;
    private restartAt: number | undefined;
    private stopping = false;
    private hasStoredKey = false;
    private binary: string | undefined;
    private serverVersion: string | undefined;
    private features: Features = NO_FEATURES;
    private binarySource: BinarySource | undefined;

    constructor(private readonly context: vscode.ExtensionContext) {
        this.output = vscode.window.createOutputChannel('bluecode');
        this.scanOutput = vscode.window.createOutputChannel('bluecode scan');
        this.statusItem = vscode.window.createStatusBarItem('bluecode.status', vscode.StatusBarAlignment.Left, 10);
        this.statusItem.name = 'bluecode';
        this.statusItem.command = 'bluecode.showOutput';
        this.statusItem.show();
        this.disposables.push(this.output, this.scanOutput, this.statusItem);
    }

    log(message: string): void {
        this.output.appendLine(`[client ${new Date().toISOString()}] ${message}`);
    }

    // ---- settings ------------------------------------------------------------------

    private workspaceRoot(): string | undefined {
        return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    }

    /** What the server is sent: the values the user set (never defaults), plus the API key's variable name. */
    private serverSettings(scope?: vscode.Uri): ServerSettings {
        const config = vscode.workspace.getConfiguration('bluecode', scope ?? vscode.workspace.workspaceFolders?.[0]?.uri);
        const mapped = toServerSettings(
            SERVER_SETTINGS,
            (key) => config.inspect(key),
            vscode.workspace.isTrusted ? [] : RESTRICTED_KEYS,
        );
        for (const p of mapped.problems) {
            this.log(p);
        }
        return withApiKeyEnv(mapped.settings, this.hasStoredKey);
    }

    /** Asks the server what is on (`bluecode.status`) and shows it. */
    private async refreshFeatures(): Promise<void> {
        const client = this.client;
        if (client?.state !== State.Running) {
            return;
        }
        try {
            const status: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
                command: 'bluecode.status',
                arguments: [],
            });
            this.features = featuresFromStatus(status);
        } catch (e) {
            this.log(`bluecode.status failed: ${errorText(e)}`);
            this.features = NO_FEATURES;
        }
        this.renderStatus();
    }

    /** After the server re-read its settings (it is told by the same events). */
    private refreshFeaturesSoon(): void {
        setTimeout(() => void this.refreshFeatures(), STATUS_REFRESH_MS);
    }

    // ---- status --------------------------------------------------------------------

    private setState(state: ServerState): void {
        this.state = state;
        this.renderStatus();
    }

    private renderStatus(): void {
        const view = renderStatus({
            state: this.state,
            progress: [...this.progress.values()],
            pendingDocuments: this.pending.size,
            features: this.features,
            restartInSecs:
                this.restartAt !== undefined ? Math.max(0, Math.ceil((this.restartAt - Date.now()) / 1000)) : undefined,
            serverVersion: this.serverVersion,
            serverBinary:
                this.binary !== undefined && this.binarySource !== undefined
                    ? { path: this.binary, source: describeSource(this.binarySource) }
                    : undefined,
        });
        this.statusItem.text = view.text;
        this.statusItem.tooltip = view.tooltip;
        this.statusItem.backgroundColor =
            view.level === 'error'
                ? new vscode.ThemeColor('statusBarItem.errorBackground')
                : view.level === 'warning'
                  ? new vscode.ThemeColor('statusBarItem.warningBackground')
                  : undefined;
    }

    private markPending(uri: vscode.Uri): void {
        const key = uri.toString();
        const old = this.pending.get(key);
        if (old !== undefined) {
            clearTimeout(old);
        }
        this.pending.set(
            key,
            setTimeout(() => {
                this.pending.delete(key);
                this.renderStatus();
            }, PENDING_TIMEOUT_MS),
        );
        this.renderStatus();
    }

    private clearPending(uri: vscode.Uri): void {
        const key = uri.toString();
        const t = this.pending.get(key);
        if (t !== undefined) {
            clearTimeout(t);
            this.pending.delete(key);
            this.renderStatus();
        }
    }

    // ---- the server's life ---------------------------------------------------------

    async start(): Promise<void> {
        this.clearRestartTimer();
        this.features = NO_FEATURES;
        this.hasStoredKey = ((await this.context.secrets.get(SECRET_KEY)) ?? '') !== '';
        const resolution = resolveBinary({
            configured: vscode.workspace.getConfiguration('bluecode').get<string>('server.path'),
            extensionPath: this.context.extensionPath,
            platform: process.platform,
            pathEnv: process.env.PATH,
            pathExt: process.env.PATHEXT,
            home: os.homedir(),
            workspaceFolder: this.workspaceRoot(),
            isExecutableFile,
        });
        if (resolution.kind !== 'found') {
            this.binary = undefined;
            this.setState('missing');
            const message = describeFailure(resolution);
            this.log(message);
            void vscode.window.showErrorMessage(message, 'Open settings', 'How to install').then((choice) => {
                if (choice === 'Open settings') {
                    void vscode.commands.executeCommand('workbench.action.openSettings', 'bluecode.server.path');
                } else if (choice === 'How to install') {
                    // vsce stores the README as readme.md.
                    const readme = ['README.md', 'readme.md']
                        .map((n) => path.join(this.context.extensionPath, n))
                        .find((p) => fs.existsSync(p));
                    if (readme !== undefined) {
                        void vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(readme));
                    }
                }
            });
            return;
        }
        this.binary = resolution.path;
        this.binarySource = resolution.source;
        this.log(`server: ${resolution.path} (${describeSource(resolution.source)})`);
        this.renderStatus();
        this.readServerVersion(resolution.path);

        const settings = this.serverSettings();
        const secret = this.hasStoredKey ? await this.context.secrets.get(SECRET_KEY) : undefined;
        const serverOptions: ServerOptions = {
            command: resolution.path,
            args: ['lsp'],
            options: { env: serverEnvironment(process.env, settings, secret), cwd: this.workspaceRoot() },
        };
        const clientOptions: LanguageClientOptions = {
            documentSelector: [
                ...LANGUAGES.flatMap((language) => [
                    { scheme: 'file', language },
                    { scheme: 'untitled', language },
                ]),
                { scheme: 'file', pattern: INSTRUCTION_FILES },
            ],
            diagnosticCollectionName: 'bluecode',
            outputChannel: this.output,
            revealOutputChannelOn: RevealOutputChannelOn.Never,
            initializationOptions: settings,
            // bluecode.toml re-reads the settings; code files changed outside the editor
            // update the workspace index (cross-file flows).
            synchronize: {
                fileEvents: [
                    vscode.workspace.createFileSystemWatcher('**/bluecode.toml'),
                    vscode.workspace.createFileSystemWatcher(
                        '**/*.{py,js,jsx,mjs,cjs,ts,tsx,go,java,c,h,cc,cpp,cxx,hpp,hh}',
                    ),
                ],
            },
            errorHandler: {
                error: () => ({ action: ErrorAction.Continue }),
                closed: () => {
                    if (!this.stopping) {
                        this.onCrash();
                    }
                    return { action: CloseAction.DoNotRestart, handled: true };
                },
            },
            middleware: {
                workspace: {
                    configuration: (params) =>
                        params.items.map((item) =>
                            configurationItem(
                                this.serverSettings(
                                    item.scopeUri !== undefined ? vscode.Uri.parse(item.scopeUri) : undefined,
                                ),
                                item.section,
                            ),
                        ),
                },
                didOpen: (document, next) => {
                    this.markPending(document.uri);
                    return next(document);
                },
                didChange: (event, next) => {
                    if (event.contentChanges.length > 0) {
                        this.markPending(event.document.uri);
                    }
                    return next(event);
                },
                handleDiagnostics: (uri, diagnostics, next) => {
                    this.clearPending(uri);
                    next(uri, diagnostics);
                },
                provideDiagnostics: async (document, previousResultId, token, next) => {
                    const result = await next(document, previousResultId, token);
                    this.clearPending(document instanceof vscode.Uri ? document : document.uri);
                    return result;
                },
                handleWorkDoneProgress: (token, params, next) => {
                    if (params.kind === 'begin') {
                        this.progress.set(token, params.title);
                    } else if (params.kind === 'report' && params.message !== undefined) {
                        const title = this.progress.get(token);
                        if (title !== undefined) {
                            const pct = params.percentage !== undefined ? ` ${params.percentage}%` : '';
                            this.progress.set(token, `${title.split(' — ')[0]} — ${params.message}${pct}`);
                        }
                    } else if (params.kind === 'end') {
                        this.progress.delete(token);
                    }
                    this.renderStatus();
                    next(token, params);
                },
                executeCommand: async (command, args, next) => {
                    if (command === 'bluecode.verify') {
                        return this.withVerifyProgress(async () => {
                            const result: unknown = await next(command, args);
                            this.showVerifyResult(result);
                            return result;
                        });
                    }
                    const result: unknown = await next(command, args);
                    if (command === 'bluecode.showConstitution') {
                        const id = Array.isArray(args) && typeof args[0] === 'string' ? args[0] : undefined;
                        await this.showMarkdown(describeCommandResult(result), id);
                    }
                    return result;
                },
            },
        };

        const client = new LanguageClient('bluecode', 'bluecode', serverOptions, clientOptions);
        this.client = client;
        client.onDidChangeState((e) => {
            if (e.newState === State.Running && this.client === client) {
                this.startedAt = Date.now();
                this.setState('running');
                void this.refreshFeatures();
            }
        });
        this.setState('starting');
        try {
            await client.start();
        } catch (e) {
            this.log(`the server did not start: ${errorText(e)}`);
            if (this.client === client && !this.stopping) {
                this.onCrash();
            }
        }
    }

    private readServerVersion(binary: string): void {
        execFile(binary, ['--version'], { timeout: 10_000 }, (err, stdout) => {
            this.serverVersion = err === null ? stdout.trim() : undefined;
            this.renderStatus();
        });
    }

    private onCrash(): void {
        if (this.restartTimer !== undefined) {
            return;
        }
        this.progress.clear();
        const uptime = this.startedAt === 0 ? 0 : Date.now() - this.startedAt;
        const decision = this.policy.onCrash(uptime);
        if (decision.action === 'giveUp') {
            this.log(`the server crashed ${decision.crashes} times in a row; not restarting it`);
            this.setState('stopped');
            void vscode.window
                .showErrorMessage(
                    `bluecode: the server crashed ${decision.crashes} times in a row and will not be restarted automatically.`,
                    'Show output',
                    'Restart server',
                )
                .then((choice) => this.onNotificationChoice(choice));
            return;
        }
        const secs = Math.round(decision.delayMs / 1000);
        this.log(`the server stopped unexpectedly; restart ${decision.attempt} in ${secs} s`);
        this.restartAt = Date.now() + decision.delayMs;
        this.setState('restarting');
        void vscode.window
            .showWarningMessage(
                `bluecode: the server stopped unexpectedly; restarting it in ${secs} s (attempt ${decision.attempt}).`,
                'Show output',
            )
            .then((choice) => this.onNotificationChoice(choice));
        this.restartTimer = setTimeout(() => {
            this.restartTimer = undefined;
            this.restartAt = undefined;
            void this.replaceClient();
        }, decision.delayMs);
    }

    private onNotificationChoice(choice: string | undefined): void {
        if (choice === 'Show output') {
            this.output.show(true);
        } else if (choice === 'Restart server') {
            void vscode.commands.executeCommand('bluecode.restartServer');
        }
    }

    private clearRestartTimer(): void {
        if (this.restartTimer !== undefined) {
            clearTimeout(this.restartTimer);
            this.restartTimer = undefined;
        }
        this.restartAt = undefined;
    }

    private async stopClient(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        this.progress.clear();
        for (const t of this.pending.values()) {
            clearTimeout(t);
        }
        this.pending.clear();
        if (client === undefined) {
            return;
        }
        this.stopping = true;
        try {
            if (client.state !== State.Stopped) {
                await client.stop(5000);
            }
        } catch (e) {
            this.log(`stopping the server: ${errorText(e)}`);
        } finally {
            try {
                await client.dispose();
            } catch {
                // already stopped
            }
            this.stopping = false;
        }
    }

    private async replaceClient(): Promise<void> {
        await this.stopClient();
        await this.start();
    }

    async restart(): Promise<void> {
        this.policy.reset();
        this.clearRestartTimer();
        this.log('restart requested');
        await this.replaceClient();
    }

    async onConfigurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
        if (!e.affectsConfiguration('bluecode')) {
            return;
        }
        // The binary, and the API key's variable (read from the environment at start), need a new process.
        if (e.affectsConfiguration('bluecode.server') || e.affectsConfiguration('bluecode.llm.apiKeyEnv')) {
            await this.restart();
            return;
        }
        const client = this.client;
        if (client?.state === State.Running) {
            await client.sendNotification(DidChangeConfigurationNotification.type, {
                settings: { bluecode: this.serverSettings() },
            });
        }
        this.refreshFeaturesSoon();
    }

    onTomlChanged(): void {
        this.refreshFeaturesSoon();
    }

    // ---- commands ------------------------------------------------------------------

    private runningClient(): LanguageClient | undefined {
        if (this.client?.state === State.Running) {
            return this.client;
        }
        void vscode.window.showErrorMessage('bluecode: the server is not running.', 'Show output', 'Restart server').then(
            (choice) => this.onNotificationChoice(choice),
        );
        return undefined;
    }

    private withVerifyProgress<T>(work: () => Promise<T>): Thenable<T> {
        return vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: 'bluecode: verifying in the sandbox…' },
            work,
        );
    }

    private showVerifyResult(result: unknown): void {
        if (result === null || result === undefined) {
            // The server reports through window/showMessage (and the diagnostic) instead.
            this.log('verify: the server answered without a result');
            return;
        }
        const text = describeCommandResult(result);
        this.log(`verify: ${text}`);
        const firstLine = text.split('\n')[0];
        void vscode.window.showInformationMessage(`bluecode verify: ${firstLine}`, 'Show output').then((c) =>
            this.onNotificationChoice(c),
        );
    }

    /** Read-only `bluecode-constitution:` documents: one per id, reused, never "unsaved". */
    readonly constitutions = new ConstitutionDocuments();

    private async showMarkdown(content: string, id?: string): Promise<void> {
        const uri = this.constitutions.set(id ?? 'answer', content);
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
        // Where it is already shown, show it there; otherwise beside the current editor.
        const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
        await vscode.window.showTextDocument(doc, {
            viewColumn: shown?.viewColumn ?? vscode.ViewColumn.Beside,
            preview: true,
        });
    }

    async verifyHere(): Promise<void> {
        const editor = vscode.window.activeTextEditor;
        if (editor === undefined) {
            void vscode.window.showErrorMessage('bluecode: open a file and put the cursor on a finding first.');
            return;
        }
        const client = this.runningClient();
        if (client === undefined) {
            return;
        }
        const args = [{ uri: editor.document.uri.toString(), line: editor.selection.active.line }];
        try {
            const result: unknown = await this.withVerifyProgress(
                (): Promise<unknown> =>
                    client.sendRequest(ExecuteCommandRequest.type, { command: 'bluecode.verify', arguments: args }),
            );
            this.showVerifyResult(result);
        } catch (e) {
            this.log(`verify failed: ${errorText(e)}`);
            void vscode.window.showErrorMessage(`bluecode verify: ${errorText(e)}`);
        }
    }

    async showConstitution(idArg?: unknown): Promise<void> {
        let id = typeof idArg === 'string' ? idArg : undefined;
        if (id === undefined) {
            id = await this.pickConstitutionId();
        }
        if (id === undefined) {
            return;
        }
        const client = this.client?.state === State.Running ? this.client : undefined;
        if (client !== undefined) {
            try {
                const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
                    command: 'bluecode.showConstitution',
                    arguments: [id],
                });
                await this.showMarkdown(describeCommandResult(result), id);
                return;
            } catch (e) {
                this.log(`showConstitution ${id} via the server failed: ${errorText(e)}; asking the CLI`);
            }
        }
        if (this.binary === undefined) {
            void vscode.window.showErrorMessage('bluecode: no server binary to ask about constitutions.');
            return;
        }
        const args = ['constitutions', 'show', id];
        const root = this.workspaceRoot();
        execFile(this.binary, args, { cwd: root, timeout: 30_000 }, (err, stdout, stderr) => {
            if (err !== null) {
                void vscode.window.showErrorMessage(`bluecode: ${stderr.trim() || err.message}`);
                return;
            }
            void this.showMarkdown(stdout, id);
        });
    }

    private async pickConstitutionId(): Promise<string | undefined> {
        const editor = vscode.window.activeTextEditor;
        const here: string[] = [];
        const everywhere = new Set<string>();
        for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
            for (const d of diagnostics.filter(isOurs)) {
                const code = diagnosticCode(d);
                if (code === undefined) {
                    continue;
                }
                everywhere.add(code);
                if (
                    editor !== undefined &&
                    uri.toString() === editor.document.uri.toString() &&
                    d.range.start.line <= editor.selection.active.line &&
                    editor.selection.active.line <= d.range.end.line
                ) {
                    here.push(code);
                }
            }
        }
        const unique = [...new Set(here)];
        if (unique.length === 1) {
            return unique[0];
        }
        if (unique.length === 0 && everywhere.size === 1) {
            return [...everywhere][0];
        }
        const items = (unique.length > 0 ? unique : [...everywhere].sort()).map((label) => ({ label }));
        if (items.length === 0) {
            const typed = await vscode.window.showInputBox({
                prompt: 'Constitution id (for example py.command-injection)',
                ignoreFocusOut: true,
            });
            return typed?.trim() || undefined;
        }
        const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Which constitution?' });
        return picked?.label;
    }

    async scanWorkspace(): Promise<void> {
        const folders = vscode.workspace.workspaceFolders ?? [];
        if (folders.length === 0) {
            void vscode.window.showErrorMessage('bluecode: open a folder to scan.');
            return;
        }
        const binary = this.binary;
        if (binary === undefined) {
            void vscode.window.showErrorMessage('bluecode: the bluecode binary was not found; see the output.');
            return;
        }
        const secret = this.hasStoredKey ? await this.context.secrets.get(SECRET_KEY) : undefined;
        const env = serverEnvironment(process.env, this.serverSettings(), secret);
        this.scanOutput.clear();
        const all: { finding: ScanFinding; file: string }[] = [];
        await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: 'bluecode: scanning the workspace…' },
            async () => {
                for (const folder of folders) {
                    const root = folder.uri.fsPath;
                    const args = ['scan', '.', '--format', 'json', '--exit-zero'];
                    this.scanOutput.appendLine(`$ ${binary} ${args.join(' ')}   (in ${root})`);
                    try {
                        const stdout = await new Promise<string>((resolve, reject) => {
                            execFile(
                                binary,
                                args,
                                { cwd: root, env, maxBuffer: 256 * 1024 * 1024 },
                                (err, out, errOut) => {
                                    if (errOut.trim() !== '') {
                                        this.scanOutput.appendLine(errOut.trimEnd());
                                    }
                                    if (err !== null) {
                                        // err.message repeats stderr, which is already in the output.
                                        const why = err.code !== undefined ? `exit ${String(err.code)}` : err.message.split('\n')[0];
                                        reject(new Error(`${binary} ${args.join(' ')}: ${why}`));
                                    } else {
                                        resolve(out);
                                    }
                                },
                            );
                        });
                        const report = parseScanReport(stdout);
                        const abs = (p: string): string => (path.isAbsolute(p) ? p : path.join(root, p));
                        this.scanOutput.appendLine(formatReport(report, abs));
                        for (const finding of report.findings) {
                            all.push({ finding, file: abs(finding.path) });
                        }
                        this.log(summary(report));
                    } catch (e) {
                        this.scanOutput.appendLine(`scan failed: ${errorText(e)}`);
                        void vscode.window.showErrorMessage(`bluecode scan failed in ${folder.name}: ${errorText(e)}`);
                    }
                }
            },
        );
        this.scanOutput.show(true);
        if (all.length === 0) {
            void vscode.window.showInformationMessage('bluecode scan: no findings.');
            return;
        }
        const choice = await vscode.window.showInformationMessage(
            `bluecode scan: ${all.length} finding${all.length === 1 ? '' : 's'}.`,
            'Go to a finding',
        );
        if (choice !== 'Go to a finding') {
            return;
        }
        const picked = await vscode.window.showQuickPick(
            all.map(({ finding, file }) => ({
                label: `${finding.ruleId} — ${vscode.workspace.asRelativePath(file)}:${finding.start.line}`,
                detail: finding.message,
                file,
                finding,
            })),
            { matchOnDetail: true, placeHolder: 'Open a finding' },
        );
        if (picked !== undefined) {
            const pos = new vscode.Position(Math.max(0, picked.finding.start.line - 1), Math.max(0, picked.finding.start.column - 1));
            await vscode.window.showTextDocument(vscode.Uri.file(picked.file), { selection: new vscode.Range(pos, pos) });
        }
    }

    async setApiKey(): Promise<void> {
        const name = apiKeyEnvName(this.serverSettings()) ?? DEFAULT_API_KEY_ENV;
        const key = await vscode.window.showInputBox({
            prompt: `LLM API key. Kept in VS Code's secret storage and given to the server as the environment variable ${name}; never written to settings.`,
            password: true,
            ignoreFocusOut: true,
        });
        if (key === undefined || key.trim() === '') {
            return;
        }
        await this.context.secrets.store(SECRET_KEY, key.trim());
        this.log(`API key stored; the server gets it as $${name}`);
        await this.restart();
    }

    async clearApiKey(): Promise<void> {
        await this.context.secrets.delete(SECRET_KEY);
        this.log('API key forgotten');
        await this.restart();
    }

    showOutput(): void {
        this.output.show(true);
    }

    async dispose(): Promise<void> {
        this.clearRestartTimer();
        await this.stopClient();
        for (const d of this.disposables) {
            d.dispose();
        }
    }
}

class ConstitutionDocuments implements vscode.TextDocumentContentProvider {
    static readonly scheme = 'bluecode-constitution';
    private readonly texts = new Map<string, string>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;

    set(id: string, text: string): vscode.Uri {
        const uri = vscode.Uri.from({ scheme: ConstitutionDocuments.scheme, path: `/${id}.md` });
        const old = this.texts.get(uri.path);
        this.texts.set(uri.path, text);
        if (old !== undefined && old !== text) {
            this.changed.fire(uri);
        }
        return uri;
    }

    provideTextDocumentContent(uri: vscode.Uri): string {
        return this.texts.get(uri.path) ?? '';
    }
}

let instance: Bluecode | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const bluecode = new Bluecode(context);
    instance = bluecode;
    const toml = vscode.workspace.createFileSystemWatcher('**/bluecode.toml');
    context.subscriptions.push(
        vscode.workspace.registerTextDocumentContentProvider(ConstitutionDocuments.scheme, bluecode.constitutions),
        toml,
        toml.onDidChange(() => bluecode.onTomlChanged()),
        toml.onDidCreate(() => bluecode.onTomlChanged()),
        toml.onDidDelete(() => bluecode.onTomlChanged()),
        vscode.workspace.onDidChangeConfiguration((e) => bluecode.onConfigurationChanged(e)),
        vscode.workspace.onDidGrantWorkspaceTrust(() => bluecode.restart()),
        context.secrets.onDidChange((e) => {
            if (e.key === SECRET_KEY) {
                bluecode.log('the stored API key changed');
            }
        }),
        vscode.commands.registerCommand('bluecode.verifyHere', () => bluecode.verifyHere()),
        vscode.commands.registerCommand('bluecode.scanWorkspace', () => bluecode.scanWorkspace()),
        vscode.commands.registerCommand('bluecode.openConstitution', (id?: unknown) => bluecode.showConstitution(id)),
        vscode.commands.registerCommand('bluecode.restartServer', () => bluecode.restart()),
        vscode.commands.registerCommand('bluecode.showOutput', () => bluecode.showOutput()),
        vscode.commands.registerCommand('bluecode.setApiKey', () => bluecode.setApiKey()),
        vscode.commands.registerCommand('bluecode.clearApiKey', () => bluecode.clearApiKey()),
    );
    await bluecode.start();
}

export async function deactivate(): Promise<void> {
    const b = instance;
    instance = undefined;
    await b?.dispose();
}
