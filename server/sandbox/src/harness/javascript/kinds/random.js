// Kind `random` (CWE-338/330, predictable secrets): no payload. Math.random is replaced by a
// seeded generator (xorshift, like V8's own) while the function runs three times with
// ordinary arguments: twice with one seed, once with another. Confirmed when Math.random ran
// and the equally seeded calls returned (or printed) the same value while the third differs:
// the secret follows from the generator's state. crypto.randomBytes / randomUUID /
// getRandomValues are untouched, so code using them differs between calls and is refuted.

const realMathRandom = Math.random;
const randomState = { seed: null, s0: 0, s1: 0 };

function seededRandom() {
  record('Math.random', 'random', 'Math.random()');
  if (randomState.seed === null) return realMathRandom();
  let s1 = randomState.s0;
  const s0 = randomState.s1;
  randomState.s0 = s0;
  s1 ^= s1 << 23;
  s1 ^= s1 >>> 17;
  s1 ^= s0;
  s1 ^= s0 >>> 26;
  randomState.s1 = s1;
  return ((randomState.s0 + randomState.s1) >>> 0) / 4294967296;
}
Math.random = seededRandom;

function shown(result, output) {
  let text;
  try {
    text = typeof result === 'string' ? result : JSON.stringify(result);
  } catch (_) {
    text = String(result);
  }
  const handed = state.events.filter((e) => e.kind === 'stubcall').map((e) => e.call);
  return `${text}\n${output}\n${handed.join('\n')}`;
}

// The CSPRNGs are recorded (not changed), so a function using them counts as having reached
// a source of randomness.
const nodeCrypto = require('crypto');
for (const name of ['randomBytes', 'randomUUID', 'randomInt', 'getRandomValues', 'randomFillSync']) {
  const real = nodeCrypto[name];
  if (typeof real !== 'function') continue;
  try {
    nodeCrypto[name] = function (...args) {
      record(`crypto.${name} (CSPRNG)`, 'random', `crypto.${name}`);
      return real.apply(this, args);
    };
  } catch (_) {
    // A read-only export (webcrypto's getRandomValues in some versions) stays unrecorded.
  }
}

KINDS.random = {
  needsInput: false,
  reached: (events) => events.some((e) => e.kind === 'random'),
  what: 'three calls with Math.random seeded (1234, 1234, 98765); compared what the function returned and printed',
  async drive(ctx, kind) {
    const seen = [];
    let used = false;
    const mathRandom = () => state.events.some((e) => e.sink === 'Math.random');
    for (const seed of [1234, 1234, 98765]) {
      randomState.seed = seed;
      randomState.s0 = seed | 0;
      randomState.s1 = (seed * 2654435761) | 0;
      const { result, output } = await ctx.call(null, null);
      randomState.seed = null;
      seen.push(shown(result, output));
      used = used || mathRandom();
      ctx.attempt(kind, null).parameter = '(none: the secret\'s source)';
    }
    const produced = !['', 'undefined', 'null'].includes(seen[0].trim());
    if (used && produced && seen[0] === seen[1] && seen[0] !== seen[2]) {
      const happened = `Math.random (xorshift128+, not a CSPRNG) produced the value: seeded with 1234 twice, the function returned the same \`${seen[0].trim().slice(0, 80)}\` both times and something else with 98765`;
      ctx.confirm(kind, null, '(none)', ['Math.random', seen[0].slice(0, 300), happened], '');
    }
  },
};
