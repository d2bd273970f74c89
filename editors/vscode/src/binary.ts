// Finding the `bluecode` executable: the `bluecode.server.path` setting, then a binary
// bundled in the extension (`server/bluecode`, copied in by scripts/package-target.sh for a
// platform-specific .vsix), then PATH. Pure: the file system is passed in,
// so the order and the messages are unit-tested without VS Code.

import * as path from 'path';

export type BinarySource = 'setting' | 'bundled' | 'path';

/** Where a platform-specific .vsix carries the server, relative to the extension. */
export const BUNDLED_DIR = 'server';

/** How the output channel and the status tooltip name each source. */
export function describeSource(source: BinarySource): string {
    switch (source) {
        case 'setting':
            return 'bluecode.server.path';
        case 'bundled':
            return 'bundled with the extension';
        case 'path':
            return 'PATH';
    }
}

export type Resolution =
    | { kind: 'found'; path: string; source: BinarySource }
    /** The setting names something that is not an executable file: no silent fallback. */
    | { kind: 'badSetting'; configured: string; expanded: string }
    | { kind: 'missing'; tried: string[] };

export interface ResolveInput {
    /** The raw `bluecode.server.path` value (may be empty, may use `~` or `${workspaceFolder}`). */
    configured: string | undefined;
    extensionPath: string;
    platform: NodeJS.Platform;
    /** The PATH variable of the environment the server will be started in. */
    pathEnv: string | undefined;
    /** PATHEXT on Windows. */
    pathExt?: string | undefined;
    home: string;
    workspaceFolder: string | undefined;
    isExecutableFile(p: string): boolean;
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
    return platform === 'win32' ? path.win32 : path.posix;
}

/** Expands a leading `~` and `${workspaceFolder}`/`${userHome}`; relative paths are taken from the workspace folder. */
export function expandSettingPath(
    raw: string,
    home: string,
    workspaceFolder: string | undefined,
    platform: NodeJS.Platform,
): string {
    const p = pathApi(platform);
    let out = raw.trim();
    out = out.replace(/\$\{userHome\}/g, home);
    if (workspaceFolder !== undefined) {
        out = out.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
    }
    if (out === '~') {
        out = home;
    } else if (out.startsWith('~/') || (platform === 'win32' && out.startsWith('~\\'))) {
        out = p.join(home, out.slice(2));
    }
    if (!p.isAbsolute(out) && workspaceFolder !== undefined && (out.includes('/') || out.includes('\\'))) {
        out = p.resolve(workspaceFolder, out);
    }
    return out;
}

function executableNames(platform: NodeJS.Platform, pathExt: string | undefined): string[] {
    if (platform !== 'win32') {
        return ['bluecode'];
    }
    const exts = (pathExt ?? '.EXE;.CMD;.BAT')
        .split(';')
        .map((e) => e.trim().toLowerCase())
        .filter((e) => e.length > 0);
    return exts.map((e) => `bluecode${e}`);
}

export function resolveBinary(input: ResolveInput): Resolution {
    const p = pathApi(input.platform);
    const configured = input.configured?.trim() ?? '';
    if (configured.length > 0) {
        const expanded = expandSettingPath(configured, input.home, input.workspaceFolder, input.platform);
        // A bare name ("bluecode") in the setting is looked up on PATH like a shell would.
        if (!expanded.includes('/') && !expanded.includes('\\')) {
            for (const dir of splitPath(input.pathEnv, input.platform)) {
                const candidate = p.join(dir, expanded);
                if (input.isExecutableFile(candidate)) {
                    return { kind: 'found', path: candidate, source: 'setting' };
                }
            }
            return { kind: 'badSetting', configured, expanded };
        }
        return input.isExecutableFile(expanded)
            ? { kind: 'found', path: expanded, source: 'setting' }
            : { kind: 'badSetting', configured, expanded };
    }
    const tried: string[] = [];
    for (const name of executableNames(input.platform, input.pathExt)) {
        const bundled = p.join(input.extensionPath, BUNDLED_DIR, name);
        tried.push(bundled);
        if (input.isExecutableFile(bundled)) {
            return { kind: 'found', path: bundled, source: 'bundled' };
        }
    }
    for (const dir of splitPath(input.pathEnv, input.platform)) {
        for (const name of executableNames(input.platform, input.pathExt)) {
            const candidate = p.join(dir, name);
            tried.push(candidate);
            if (input.isExecutableFile(candidate)) {
                return { kind: 'found', path: candidate, source: 'path' };
            }
        }
    }
    return { kind: 'missing', tried };
}

export function splitPath(pathEnv: string | undefined, platform: NodeJS.Platform): string[] {
    const sep = platform === 'win32' ? ';' : ':';
    return (pathEnv ?? '')
        .split(sep)
        .map((d) => d.trim())
        .filter((d) => d.length > 0);
}

/** The message shown when no binary can be used; it always says what to do next. */
export function describeFailure(r: Exclude<Resolution, { kind: 'found' }>): string {
    if (r.kind === 'badSetting') {
        const shown = r.expanded === r.configured ? `"${r.configured}"` : `"${r.configured}" (${r.expanded})`;
        return `bluecode.server.path is set to ${shown}, which is not an executable file. Fix the setting or clear it to use the bundled binary or the one on PATH.`;
    }
    return `The bluecode language server was not found (looked for a bundled server/bluecode and on PATH). Install the platform-specific extension (it carries the server), or "pip install bluecode", or set bluecode.server.path.`;
}
