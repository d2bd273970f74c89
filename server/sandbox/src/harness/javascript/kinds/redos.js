// Kind `redos` (CWE-1333/730): every regular expression run while the function runs is
// recorded (RegExp.prototype.exec, which test/match/replace/split go through once it is
// replaced), and so is every RegExp built at run time. A first call with a probe — a
// backtracking pattern — shows which expressions see the input, and whether the input *is*
// an expression (regex injection: the probe arrives unescaped in `new RegExp`). For each
// expression that sees the input, pathological inputs (a literal prefix, a pumped character,
// a failing character) are timed directly with the CPU clock as they grow until one takes
// 30 ms; then the function is called with that input at the last sizes. Confirmed when the
// function's CPU time grows super-linearly with the input's length.

const REDOS_SLOW_MS = 30;
const REDOS_PROBE = `${MARK}(a|aa)+$`;
const realExec = RegExp.prototype.exec;
const RealRegExp = RegExp;

RegExp.prototype.exec = function (subject) {
  if (state.armed && typeof subject === 'string') {
    state.events.push({ sink: 'RegExp.exec', kind: 'redos', call: this.source, flags: this.flags, subject: subject.slice(0, 4000) });
  }
  return realExec.call(this, subject);
};
globalThis.RegExp = new Proxy(RealRegExp, {
  construct(target, args, newTarget) {
    if (state.armed && typeof args[0] === 'string') state.events.push({ sink: 'new RegExp', kind: 'redos', call: args[0], flags: String(args[1] || ''), subject: '' });
    return Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget);
  },
  apply(target, thisArg, args) {
    if (state.armed && typeof args[0] === 'string') state.events.push({ sink: 'RegExp', kind: 'redos', call: args[0], flags: String(args[1] || ''), subject: '' });
    return Reflect.apply(target, thisArg, args);
  },
});

function cpuMs(action) {
  const started = process.cpuUsage();
  try {
    globalThis.__bluecodeRegexProbe = action;
    realRunInThisContext('__bluecodeRegexProbe()', { timeout: 1000 });
  } catch (error) {
    if (error && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 1000;
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

function redosLengths() {
  const lengths = [];
  for (let n = 8; n < 32; n += 2) lengths.push(n);
  return lengths.concat([48, 64, 128, 256, 512, 1024, 2048, 4096, 8192]);
}

function grow(regex, build) {
  const series = [];
  for (const n of redosLengths()) {
    const subject = build(n);
    regex.lastIndex = 0;
    const ms = cpuMs(() => realExec.call(regex, subject));
    series.push([n, ms]);
    if (ms >= REDOS_SLOW_MS) return series;
  }
  return null;
}

function literalPrefix(source) {
  let prefix = '';
  for (const c of source.replace(/^\^/, '')) {
    if (/[A-Za-z0-9 @:=\/_,;-]/.test(c)) prefix += c;
    else break;
  }
  return prefix;
}

function findAttack(source, flags, before, after) {
  let regex;
  try {
    regex = new RealRegExp(source, flags.replace(/[gy]/g, ''));
  } catch (_) {
    return null;
  }
  const literals = [...new Set(source)].filter((c) => /[A-Za-z0-9 .\-_@:\/,;=]/.test(c)).slice(0, 5);
  const pumps = [...new Set(['a', '1', ' ', ...literals])];
  const prefixes = [...new Set(['', literalPrefix(source)])];
  for (const prefix of prefixes) {
    for (const pump of pumps) {
      for (const suffix of ['!', '\n']) {
        const series = grow(regex, (n) => before + prefix + pump.repeat(n) + suffix + after);
        if (series && series.length >= 2) return { prefix, pump, suffix, series };
      }
    }
  }
  return null;
}

function superLinear(points) {
  const [n1, t1] = points[0];
  const [n2, t2] = points[points.length - 1];
  return t2 >= REDOS_SLOW_MS * 0.66 && t2 / Math.max(t1, 0.5) > 1.5 * (n2 / n1);
}

KINDS.redos = {
  needsInput: true,
  reached: (events) => events.some((e) => e.kind === 'redos'),
  what: 'a backtracking pattern as input, then pathological inputs for each regex the input reached, timed as they grow',
  async drive(ctx, kind) {
    for (const input of ctx.inputs) {
      if (ctx.overBudget()) return;
      const { output } = await ctx.call(input, REDOS_PROBE);
      const attempt = ctx.attempt(kind, input);
      const events = state.events.filter((e) => e.kind === 'redos');
      const measured = [];
      const injected = events.find((e) => e.call.includes(REDOS_PROBE));
      if (injected) {
        const series = grow(new RealRegExp(injected.call, injected.flags.replace(/[gy]/g, '')), (n) => MARK + 'a'.repeat(n) + '!');
        if (series && superLinear(series.slice(-3))) {
          const timings = series.slice(-3).map(([n, ms]) => `n=${n}: ${ms.toFixed(1)} ms`).join(', ');
          ctx.confirm(kind, input, REDOS_PROBE, [injected.sink, injected.call, `the input became the regular expression \`${injected.call.slice(0, 120)}\` unescaped; matching it against \`${MARK}a…a!\` took ${timings}`], output);
        }
      }
      const seen = new Map();
      for (const event of events) {
        const at = event.subject.indexOf(REDOS_PROBE);
        if (at >= 0 && !seen.has(event.call)) seen.set(event.call, { event, before: event.subject.slice(0, at), after: event.subject.slice(at + REDOS_PROBE.length) });
      }
      for (const [source, { event, before, after }] of [...seen].slice(0, 4)) {
        const attack = findAttack(source, event.flags, before, after);
        if (!attack) {
          measured.push(`/${source.slice(0, 60)}/: no input up to 8 Ki characters took ${REDOS_SLOW_MS} ms`);
          continue;
        }
        const points = [];
        for (const [n] of attack.series.slice(-3)) {
          const text = attack.prefix + attack.pump.repeat(n) + attack.suffix;
          const started = process.cpuUsage();
          const { error } = await ctx.call(input, text);
          const used = process.cpuUsage(started);
          points.push([text.length, error === 'timeout' ? CONFIG.call_timeout_secs * 1000 : (used.user + used.system) / 1000]);
        }
        ctx.attempt(kind, input, points.length);
        const timings = points.map(([n, ms]) => `${n} chars: ${ms.toFixed(1)} ms`).join(', ');
        if (superLinear(points)) {
          const last = attack.series[attack.series.length - 1][0];
          ctx.confirm(kind, input, attack.prefix + attack.pump.repeat(last) + attack.suffix, [event.sink, source, `the function's time grew super-linearly with \`${attack.prefix}\` + \`${attack.pump}\`×n + ${JSON.stringify(attack.suffix)} on /${source.slice(0, 120)}/: ${timings}`], '');
        }
        measured.push(`/${source.slice(0, 60)}/: the function stayed fast (${timings})`);
      }
      if (!seen.size && !injected) measured.push('the input reached no regular expression');
      attempt.what = `${kind.what}; ${measured.join('; ')}`;
    }
  },
};
