import assert from 'node:assert/strict';
import { test } from 'node:test';

import { RestartPolicy } from '../src/backoff';

const opts = { initialMs: 1000, maxMs: 8000, healthyAfterMs: 60_000, maxQuickCrashes: 5 };

test('quick crashes back off exponentially up to the cap, then give up', () => {
    const p = new RestartPolicy(opts);
    const delays = [1, 2, 3, 4, 5].map(() => {
        const d = p.onCrash(100);
        assert.equal(d.action, 'restart');
        return d.action === 'restart' ? d.delayMs : -1;
    });
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 8000]);
    assert.deepEqual(p.onCrash(100), { action: 'giveUp', crashes: 6 });
});

test('a server that ran long enough starts the sequence over', () => {
    const p = new RestartPolicy(opts);
    p.onCrash(10);
    p.onCrash(10);
    assert.deepEqual(p.onCrash(120_000), { action: 'restart', delayMs: 1000, attempt: 1 });
});

test('reset (a restart by hand) starts over', () => {
    const p = new RestartPolicy(opts);
    for (let i = 0; i < 6; i++) {
        p.onCrash(0);
    }
    assert.equal(p.onCrash(0).action, 'giveUp');
    p.reset();
    assert.deepEqual(p.onCrash(0), { action: 'restart', delayMs: 1000, attempt: 1 });
});
