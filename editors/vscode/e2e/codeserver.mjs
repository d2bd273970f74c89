// End-to-end test of the packaged extension in a real VS Code: code-server (VS Code in
// the browser) driven by Playwright with Debian's Chromium.
//
//   node e2e/codeserver.mjs --vsix bluecode.vsix --code-server DIR --screenshot out.png
//
// DIR holds node_modules/.bin/code-server and node_modules/playwright-core. The .vsix must
// be able to find a bluecode binary (bundled, or bluecode.server.path via --server-path).
// Prints one line per check and `vscode e2e: N passed, M failed`; exits non-zero on failure.

import { spawn, execFileSync } from 'node:child_process';
import {
    accessSync,
    constants as fsConstants,
    existsSync,
    mkdtempSync,
    mkdirSync,
    openSync,
    readdirSync,
    readFileSync,
    writeFileSync,
    rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
    options: {
        vsix: { type: 'string' },
        'code-server': { type: 'string' },
        screenshot: { type: 'string' },
        'server-path': { type: 'string' },
        'log-dir': { type: 'string' },
        chromium: { type: 'string', default: '/usr/bin/chromium' },
        keep: { type: 'boolean', default: false },
        // The .vsix must carry the server: no bluecode on PATH, no server.path, and the
        // output channel must name the bundled binary.
        'require-bundled': { type: 'boolean', default: false },
    },
});
if (opts['require-bundled'] && opts['server-path']) {
    console.error('--require-bundled and --server-path exclude each other');
    process.exit(2);
}
if (!opts.vsix || !opts['code-server']) {
    console.error('usage: codeserver.mjs --vsix FILE --code-server DIR [--screenshot PNG] [--server-path BIN]');
    process.exit(2);
}
const csDir = path.resolve(opts['code-server']);
const require = createRequire(path.join(csDir, 'package.json'));
const { chromium } = require('playwright-core');
const CODE_SERVER = path.join(csDir, 'node_modules', '.bin', 'code-server');

const ID = 'py.command-injection';
const VULNERABLE = 'import os\n\n\ndef run():\n    cmd = input("command: ")\n    os.system(cmd)\n';
const SINK_LINE = 6; // 1-based, as VS Code shows it
const STEP_TIMEOUT = Number(process.env.BLUECODE_E2E_TIMEOUT_MS ?? 30000);
// A debug server loads and compiles every constitution before its first answer.
const START_TIMEOUT = 3 * STEP_TIMEOUT;

const W = mkdtempSync(path.join(os.tmpdir(), 'bluecode-cs-'));
const logDir = opts['log-dir'] ? path.resolve(opts['log-dir']) : W;
mkdirSync(logDir, { recursive: true });
const proj = path.join(W, 'proj');
mkdirSync(proj);
writeFileSync(path.join(proj, 'bluecode.toml'), '# bluecode settings for the code-server test\nmin_severity = "info"\n');
writeFileSync(path.join(proj, 'tool.py'), VULNERABLE);
const userDir = path.join(W, 'data', 'User');
mkdirSync(userDir, { recursive: true });
const settings = {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'editor.hover.delay': 200,
    'editor.minimap.enabled': false,
    'chat.commandCenter.enabled': false,
    'workbench.colorTheme': 'Default Light Modern',
};
if (opts['server-path']) {
    settings['bluecode.server.path'] = path.resolve(opts['server-path']);
}
writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));

// With --require-bundled, no PATH folder may hold a bluecode: the extension must use its own.
const searchPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !(opts['require-bundled'] && dir !== '' && existsSync(path.join(dir, 'bluecode'))))
    .join(path.delimiter);
const env = {
    ...process.env,
    PATH: searchPath,
    XDG_CONFIG_HOME: path.join(W, 'c'),
    XDG_DATA_HOME: path.join(W, 'd'),
    XDG_CACHE_HOME: path.join(W, 'k'),
};
const csArgs = ['--user-data-dir', path.join(W, 'data'), '--extensions-dir', path.join(W, 'ext')];

let passed = 0;
let failed = 0;
let shot = 0;
let page;
let codeServer;
let browser;

function say(line) {
    process.stdout.write(line + '\n');
}

async function check(name, fn) {
    const started = Date.now();
    try {
        await fn();
        passed += 1;
        say(`ok - ${name} (${Date.now() - started} ms)`);
        return true;
    } catch (e) {
        failed += 1;
        say(`not ok - ${name} (${Date.now() - started} ms)`);
        for (const line of String(e?.stack ?? e).split('\n').slice(0, 8)) {
            say(`    ${line}`);
        }
        if (page) {
            const file = path.join(logDir, `vscode-failure-${++shot}.png`);
            await page.screenshot({ path: file }).catch(() => {});
            say(`    # screenshot: ${file}`);
        }
        return false;
    }
}

function freePort() {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => resolve(port));
        });
    });
}

async function waitHealthy(port, ms) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        try {
            const r = await fetch(`http://127.0.0.1:${port}/healthz`);
            if (r.ok) {
                return;
            }
        } catch {
            // not up yet
        }
        await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`code-server did not answer /healthz within ${ms} ms`);
}

function killGroup() {
    if (codeServer?.pid) {
        try {
            process.kill(-codeServer.pid, 'SIGTERM');
        } catch {
            // already gone
        }
        const pid = codeServer.pid;
        setTimeout(() => {
            try {
                process.kill(-pid, 'SIGKILL');
            } catch {
                // gone
            }
        }, 1500).unref();
    }
}
process.on('exit', killGroup);
for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
        killGroup();
        process.exit(1);
    });
}

/** Pids of `bluecode lsp` processes in code-server's process group. */
function lspPids() {
    const out = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,args='], { encoding: 'utf8' });
    return out
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .filter((f) => f.length >= 3 && Number(f[1]) === codeServer.pid && /bluecode$/.test(f[2]) && f[3] === 'lsp')
        .map((f) => Number(f[0]));
}

async function runCommand(title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await page.keyboard.press('Enter');
}

/** Shows the Problems panel (Ctrl+Shift+M toggles it, so only when it is not visible). */
async function showProblems() {
    if (!(await page.locator('.markers-panel').first().isVisible().catch(() => false))) {
        await page.keyboard.press('Control+Shift+M');
    }
    await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
}

async function squiggle(timeout = STEP_TIMEOUT) {
    const s = page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first();
    await s.waitFor({ state: 'attached', timeout });
    return s;
}

async function main() {
    const started = Date.now();
    await check('the .vsix installs into code-server', async () => {
        const out = execFileSync(CODE_SERVER, [...csArgs, '--install-extension', path.resolve(opts.vsix)], {
            env,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        const list = execFileSync(CODE_SERVER, [...csArgs, '--list-extensions', '--show-versions'], { env, encoding: 'utf8' });
        if (!/bluecode\.bluecode@/.test(list)) {
            throw new Error(`not listed after install:\n${out}\n${list}`);
        }
        // A bundled binary must still be executable once VS Code has unpacked the .vsix.
        const extRoot = path.join(W, 'ext');
        let bundledFound = false;
        for (const dir of readdirSync(extRoot).filter((d) => d.startsWith('bluecode.bluecode-'))) {
            const bundled = path.join(extRoot, dir, 'server', 'bluecode');
            if (existsSync(bundled)) {
                accessSync(bundled, fsConstants.X_OK);
                execFileSync(bundled, ['--version']);
                bundledFound = true;
                say(`    # bundled binary ${bundled} is executable`);
            }
        }
        if (opts['require-bundled'] && !bundledFound) {
            throw new Error(`--require-bundled: the installed extension has no server/bluecode under ${extRoot}`);
        }
    });

    const port = await freePort();
    const csLog = path.join(logDir, 'code-server.log');
    const fd = openSync(csLog, 'w');
    codeServer = spawn(
        CODE_SERVER,
        [...csArgs, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', proj],
        { env, detached: true, stdio: ['ignore', fd, fd] },
    );
    if (process.env.BLUECODE_CS_PGID_FILE) {
        writeFileSync(process.env.BLUECODE_CS_PGID_FILE, String(codeServer.pid));
    }
    await waitHealthy(port, 30000);

    browser = await chromium.launch({
        executablePath: opts.chromium,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();

    await check('the workbench opens the project and the file', async () => {
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(proj)}`);
        const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'tool.py' });
        await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT * 2 });
        await row.dblclick();
        await page.locator('.monaco-editor .view-lines', { hasText: 'os.system' }).waitFor({ timeout: STEP_TIMEOUT });
    });

    await check('a squiggle appears under the os.system line', async () => {
        await squiggle(START_TIMEOUT);
    });

    await check(`the Problems panel lists ${ID} (CWE-78) at line ${SINK_LINE}`, async () => {
        await showProblems();
        const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'CWE-78' }).first();
        await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
        const text = await row.innerText();
        const label = (await row.getAttribute('aria-label')) ?? '';
        if (!text.includes(ID) && !label.includes(ID)) {
            throw new Error(`row does not name ${ID}: ${text} / ${label}`);
        }
        if (!text.includes(`Ln ${SINK_LINE}`) && !label.includes(`line ${SINK_LINE}`) && !label.includes(`Ln ${SINK_LINE}`)) {
            throw new Error(`row is not at line ${SINK_LINE}: ${text} / ${label}`);
        }
        if (!/bluecode/.test(text + label)) {
            throw new Error(`row does not show the source "bluecode": ${text}`);
        }
    });

    await check('the status bar shows the bluecode item', async () => {
        const item = page.locator('.statusbar-item', { hasText: 'bluecode' }).first();
        await item.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    });

    if (opts['require-bundled']) {
        await check('the output channel says the server is the bundled binary', async () => {
            // VS Code mirrors each output channel into a log file under the user data dir.
            const logs = path.join(W, 'data', 'logs');
            const deadline = Date.now() + STEP_TIMEOUT;
            for (;;) {
                const files = existsSync(logs)
                    ? readdirSync(logs, { recursive: true }).filter((f) => String(f).endsWith('.log'))
                    : [];
                const line = files
                    .map((f) => readFileSync(path.join(logs, String(f)), 'utf8'))
                    .flatMap((text) => text.split('\n'))
                    .find((l) => /server: \S+\/server\/bluecode \(bundled with the extension\)/.test(l));
                if (line !== undefined) {
                    say(`    # ${line.trim()}`);
                    return;
                }
                if (Date.now() > deadline) {
                    throw new Error(`no "server: …/server/bluecode (bundled with the extension)" line in ${logs}`);
                }
                await new Promise((r) => setTimeout(r, 500));
            }
        });
    }

    let hoverText = '';
    await check('hovering the finding shows the constitution principle', async () => {
        const s = await squiggle();
        await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
        const box = await s.boundingBox();
        if (box === null) {
            throw new Error('the squiggle has no box');
        }
        const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'CWE-78' }).first();
        for (let attempt = 0; attempt < 5; attempt++) {
            await page.mouse.move(box.x + box.width / 2 + attempt * 3, box.y + box.height / 2 - 4);
            try {
                await hover.waitFor({ state: 'visible', timeout: 4000 });
                break;
            } catch {
                await page.mouse.move(0, 0);
            }
        }
        await hover.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
        hoverText = await hover.innerText();
        for (const want of ['CWE-78', 'shell']) {
            if (!hoverText.includes(want)) {
                throw new Error(`hover lacks "${want}":\n${hoverText}`);
            }
        }
        if (!/principle/i.test(hoverText)) {
            throw new Error(`hover does not show the principle:\n${hoverText}`);
        }
        if (opts.screenshot) {
            await page.screenshot({ path: path.resolve(opts.screenshot) });
            say(`    # screenshot of diagnostic and hover: ${path.resolve(opts.screenshot)}`);
        }
    });

    await check('Quick Fix (Ctrl+.) on the finding offers Suppress and Verify in sandbox', async () => {
        await page.mouse.move(0, 0);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+G');
        await page.keyboard.type(String(SINK_LINE));
        await page.keyboard.press('Enter');
        await page.keyboard.press('End');
        await page.keyboard.press('Control+.');
        const widget = page.locator('.action-widget');
        await widget.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
        await page.locator('.action-widget', { hasText: 'Verify in sandbox' }).waitFor({ timeout: STEP_TIMEOUT });
        const text = await widget.innerText();
        if (!text.includes(`Suppress ${ID}`)) {
            throw new Error(`no Suppress action in:\n${text}`);
        }
        await page.keyboard.press('Escape');
    });

    await check('"Bluecode: Show constitution" opens the constitution of the finding', async () => {
        await runCommand('Bluecode: Show constitution');
        const doc = page.locator('.monaco-editor .view-lines', { hasText: ID }).first();
        await doc.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
        const text = await doc.innerText();
        if (!/shell/i.test(text)) {
            throw new Error(`constitution text lacks the principle:\n${text}`);
        }
        // One read-only tab for the constitution, reused when asked again.
        await runCommand('Bluecode: Show constitution');
        await page.waitForTimeout(1500);
        const tabs = await page.locator('.tabs-container .tab', { hasText: ID }).count();
        if (tabs !== 1) {
            throw new Error(`expected one ${ID} tab after asking twice, found ${tabs}`);
        }
        // Back to the source file for the next checks.
        await page.locator('.tabs-container .tab', { hasText: 'tool.py' }).first().click();
    });

    await check('"Bluecode: Scan workspace" lists the finding in the "bluecode scan" output', async () => {
        await runCommand('Bluecode: Scan workspace');
        const line = page.locator('.output-view .view-lines', { hasText: `tool.py:${SINK_LINE}:` }).first();
        const failedScan = page.locator('.output-view .view-lines', { hasText: 'scan failed' }).first();
        try {
            await line.or(failedScan).waitFor({ state: 'visible', timeout: START_TIMEOUT });
            if (await failedScan.isVisible()) {
                throw new Error('the scan failed');
            }
        } catch (e) {
            const shown = await page.locator('.output-view .view-lines').first().innerText().catch(() => '(no output view)');
            throw new Error(`no tool.py:${SINK_LINE} line in the scan output:\n${shown}`, { cause: e });
        }
        const text = await line.innerText();
        if (!text.includes(`[${ID}]`)) {
            throw new Error(`scan output lacks [${ID}]:\n${text}`);
        }
    });

    await check('a crashed server is restarted with a notification and the finding comes back', async () => {
        await showProblems();
        const before = lspPids();
        if (before.length !== 1) {
            throw new Error(`expected one bluecode lsp process in code-server's group, found ${JSON.stringify(before)}`);
        }
        process.kill(before[0], 'SIGKILL');
        await page
            .locator('.notifications-toasts', { hasText: 'stopped unexpectedly' })
            .first()
            .waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
        const deadline = Date.now() + STEP_TIMEOUT;
        let after = [];
        while (Date.now() < deadline) {
            after = lspPids().filter((p) => !before.includes(p));
            if (after.length > 0) {
                break;
            }
            await new Promise((r) => setTimeout(r, 200));
        }
        if (after.length === 0) {
            throw new Error('no new bluecode lsp process');
        }
        // The file is still open: the new server reports its finding again.
        await page
            .locator('.markers-panel .monaco-list-row', { hasText: 'CWE-78' })
            .first()
            .waitFor({ timeout: START_TIMEOUT });
        await squiggle(START_TIMEOUT);
    });

    await check('an API key typed by the user reaches the server environment, never settings.json', async () => {
        const key = `sk-e2e-${process.pid}-${Date.now()}`;
        const before = lspPids();
        await runCommand('Bluecode: Set LLM API key');
        const input = page.locator('.quick-input-widget input[type="password"]');
        await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
        await input.fill(key);
        await page.keyboard.press('Enter');
        // The server is restarted so that it starts with the key in its environment.
        const deadline = Date.now() + START_TIMEOUT;
        let environ = '';
        while (Date.now() < deadline && !environ.includes(key)) {
            for (const pid of lspPids().filter((p) => !before.includes(p))) {
                try {
                    environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
                } catch {
                    // exited meanwhile
                }
            }
            await new Promise((r) => setTimeout(r, 250));
        }
        if (!environ.split('\0').includes(`BLUECODE_LLM_API_KEY=${key}`)) {
            throw new Error('the restarted server has no BLUECODE_LLM_API_KEY with the typed key');
        }
        for (const file of [path.join(userDir, 'settings.json'), path.join(proj, '.vscode', 'settings.json')]) {
            if (existsSync(file) && readFileSync(file, 'utf8').includes(key)) {
                throw new Error(`the key was written to ${file}`);
            }
        }
    });

    say(`    # code-server test took ${Math.round((Date.now() - started) / 1000)} s; log ${csLog}`);
}

let code = 0;
try {
    await main();
} catch (e) {
    failed += 1;
    say(`not ok - the test harness (${String(e?.stack ?? e).split('\n')[0]})`);
} finally {
    await browser?.close().catch(() => {});
    killGroup();
    if (!opts.keep && logDir !== W) {
        rmSync(W, { recursive: true, force: true, maxRetries: 3 });
    }
    if (failed > 0) {
        code = 1;
    }
}
say(`vscode e2e: ${passed} passed, ${failed} failed`);
process.exit(code);
