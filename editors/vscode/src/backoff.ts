// When the server dies, restart it after a growing delay; a server that keeps crashing
// right after start is given up on (the user can restart it by hand). Pure.

export interface BackoffOptions {
    initialMs: number;
    maxMs: number;
    /** A server that ran at least this long before crashing starts the sequence over. */
    healthyAfterMs: number;
    /** Consecutive quick crashes after which no more automatic restarts are made. */
    maxQuickCrashes: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
    initialMs: 1000,
    maxMs: 30_000,
    healthyAfterMs: 60_000,
    maxQuickCrashes: 5,
};

export type CrashDecision =
    | { action: 'restart'; delayMs: number; attempt: number }
    | { action: 'giveUp'; crashes: number };

export class RestartPolicy {
    private quickCrashes = 0;

    constructor(private readonly opts: BackoffOptions = DEFAULT_BACKOFF) {}

    /** Called when the server exited unexpectedly after running `uptimeMs`. */
    onCrash(uptimeMs: number): CrashDecision {
        if (uptimeMs >= this.opts.healthyAfterMs) {
            this.quickCrashes = 0;
        }
        this.quickCrashes += 1;
        if (this.quickCrashes > this.opts.maxQuickCrashes) {
            return { action: 'giveUp', crashes: this.quickCrashes };
        }
        const delayMs = Math.min(this.opts.maxMs, this.opts.initialMs * 2 ** (this.quickCrashes - 1));
        return { action: 'restart', delayMs, attempt: this.quickCrashes };
    }

    /** A restart asked for by the user starts the sequence over. */
    reset(): void {
        this.quickCrashes = 0;
    }
}
