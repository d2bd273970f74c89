// Part 5 of the JavaScript harness: calling, judging, loading the module, and main.

// ------------------------------------------------------------------ calling and judging

function waitForChildren(limitMs) {
  const pending = state.children.map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('close', resolve);
    child.once('error', resolve);
  }));
  state.children = [];
  return Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, limitMs))]);
}

async function callObserved(fn, args, payload) {
  state.events = [];
  state.canary = [];
  state.sent = [];
  state.contentType = '';
  state.payload = payload;
  state.calls += 1;
  const captured = [];
  const realOut = process.stdout.write;
  const realErr = process.stderr.write;
  process.stdout.write = process.stderr.write = (chunk) => { captured.push(String(chunk)); return true; };
  let result;
  let error = null;
  state.armed = true;
  try {
    // A synchronous endless loop cannot be interrupted from inside; vm's timeout can.
    globalThis.__bluecodeCall = () => fn(...args);
    result = realRunInThisContext('__bluecodeCall()', { timeout: CONFIG.call_timeout_secs * 1000 });
    if (result && typeof result.then === 'function') {
      result = await Promise.race([
        result,
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), CONFIG.call_timeout_secs * 1000)),
      ]);
    }
    await waitForChildren(2000);
  } catch (caught) {
    error = caught && caught.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' ? 'timeout' : String(caught && caught.message || caught);
    await waitForChildren(2000);
  } finally {
    state.armed = false;
    process.stdout.write = realOut;
    process.stderr.write = realErr;
  }
  return { result, error, output: captured.join('').slice(0, 8192) };
}

function sqlOutsideLiterals(sql) {
  let kept = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      i += 1;
      while (i < sql.length) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) { i += 2; continue; }
          break;
        }
        i += 1;
      }
      i += 1;
      kept += ' ';
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else {
      kept += c;
      i += 1;
    }
  }
  return kept;
}

// The first matching event is the outermost API the code called (exec before the
// execFile it uses inside, readFileSync before openSync).
function first(kind, predicate) {
  return state.events.find((event) => event.kind === kind && predicate(event)) || null;
}

function judge(kind, result) {
  if (kind === 'command') {
    for (let n = 0; n < 3; n += 1) {
      const marker = `${WORK}/.${MARK}_c${n}`;
      if (existsSync(marker)) {
        unlinkSync(marker);
        const event = first('command', (e) => e.call.includes(MARK));
        return event ? [event.sink, event.call] : ['shell', 'an injected command ran'];
      }
    }
  } else if ((kind === 'code' || kind === 'deserialization') && state.canary.includes(kind)) {
    const event = first(kind, (e) => e.call.includes(MARK)) || first('code', (e) => e.call.includes(MARK));
    return event ? [event.sink, event.call] : ['code execution', 'the canary ran'];
  } else if (kind === 'sql') {
    const event = first('sql', (e) => sqlOutsideLiterals(e.call).includes(MARK));
    if (event) return [event.sink, event.call];
  } else if (kind === 'path') {
    const event = first('path', (e) => path.resolve(WORK, e.call) === TARGET_FILE);
    if (event) return [event.sink, event.call];
  } else if (kind === 'template') {
    const event = first('template', (e) => e.call.includes(MARK));
    if (event) return [event.sink, event.call];
  } else if (kind === 'ssrf') {
    const event = first('ssrf', (e) => (e.call.includes('://') ? hostOf(e.call) : e.call).includes(MARK));
    if (event) return [event.sink, event.call];
  } else if (kind === 'xss') {
    const html = result instanceof SafeString || typeof result === 'string' ? String(result) : '';
    const sentHtml = !state.contentType || /html/i.test(state.contentType);
    const bodies = [...(sentHtml ? state.sent : []), html];
    // Raw markup, or a javascript: URL as a link target (escaping does not stop that one).
    const scriptUrl = new RegExp(`(?:href|src|action|formaction)\\s*=\\s*["']?\\s*javascript:${MARK}`, 'i');
    const unescaped = (text) => text.includes(`<script>${MARK}`) || scriptUrl.test(text);
    const body = bodies.find(unescaped);
    if (body !== undefined) return ['html response', body.slice(0, 500)];
    const event = first('xss', (e) => unescaped(e.call));
    if (event) return [event.sink, event.call];
  }
  return null;
}

/// `line:N`: the innermost function, among those the module exports or hands to a
/// framework, whose source holds line N.
function functionAtLine(exported, line) {
  const candidates = [...registered];
  if (typeof exported === 'function') candidates.push(exported);
  if (exported && typeof exported === 'object') {
    for (const value of Object.values(exported)) if (typeof value === 'function') candidates.push(value);
  }
  let best = null;
  for (const fn of candidates) {
    const text = RealFunction.prototype.toString.call(fn);
    const at = CONFIG.module_source.indexOf(text);
    if (at < 0) continue;
    const first = CONFIG.module_source.slice(0, at).split('\n').length;
    const last = first + text.split('\n').length - 1;
    if (first <= line && line <= last && (!best || last - first < best.span)) best = { fn, span: last - first };
  }
  return best ? best.fn : inconclusive('function_not_found', `no exported or registered function holds line ${line}`);
}

function loadModule() {
  const file = path.join(WORK, CONFIG.module_file);
  const atLine = /^line:(\d+)$/.exec(CONFIG.function);
  if (atLine) {
    fs.writeFileSync(file, CONFIG.module_source);
    return functionAtLine(requireWithBrowser(file), Number(atLine[1]));
  }
  const names = CONFIG.function.split('.');
  // Hands the (possibly unexported) top-level binding to the harness.
  const expose = `\n;try { globalThis.__bluecodeTarget = ${names[0]}; } catch (_) {}\n`;
  fs.writeFileSync(file, CONFIG.module_source + expose);
  const exported = requireWithBrowser(file);
  let target = globalThis.__bluecodeTarget;
  if (target === undefined && typeof exported === 'function' && exported.name === names[0]) target = exported;
  if (target === undefined && exported) target = exported[names[0]] || (exported.default && exported.default[names[0]]);
  if (target === undefined) inconclusive('function_not_found', `\`${names[0]}\` is not defined at module level`);
  if (names.length === 1) return target;
  const method = names.slice(1).join('.');
  if (typeof target === 'function' && typeof target[method] === 'function') return target[method].bind(target);
  if (typeof target === 'function' && target.prototype && typeof target.prototype[method] === 'function') {
    let instance;
    try {
      instance = new target(...parameterNames(target).map(sensibleValue));
    } catch (error) {
      note(`could not construct ${names[0]} (${error && error.message}); methods run on a bare instance`);
      instance = Object.create(target.prototype);
    }
    return instance[method].bind(instance);
  }
  if (target && typeof target === 'object' && typeof target[method] === 'function') return target[method].bind(target);
  return inconclusive('function_not_found', `\`${CONFIG.function}\` is not a function`);
}

/// Whether the function reads fields of parameter `name` (`name.url`, `name['url']`), as
/// opposed to calling string methods on it (`name.trim()`, `name.length`).
function usedAsRecord(fn, name) {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  const source = RealFunction.prototype.toString.call(fn);
  const fields = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*(?:\\.\\s*(\\w+)\\b(?!\\s*\\()|\\[)`, 'g');
  for (const match of source.matchAll(fields)) {
    if (match[1] !== 'length') return true;
  }
  return false;
}

async function main() {
  harness.started = true;
  process.chdir(WORK);
  fs.mkdirSync(TARGET_DIR, { recursive: true });
  fs.writeFileSync(TARGET_FILE, 'secret-' + MARK);
  let fn;
  try {
    fn = loadModule();
  } catch (error) {
    const cause = error && error.code === 'MODULE_NOT_FOUND' ? 'missing_dependency' : 'import_error';
    return inconclusive(cause, `${error && error.name}: ${error && error.message}`);
  }
  if (typeof fn !== 'function') return inconclusive('function_not_found', `\`${CONFIG.function}\` is not a function`);
  const params = parameterNames(fn);
  const wanted = CONFIG.parameters || [];
  const trusted = CONFIG.trusted_parameters || [];
  let inputs = params
    .map((name, index) => ({ name, index }))
    .filter(({ name }) => isInput(name.toLowerCase()) && !trusted.includes(name));
  if (wanted.length) {
    // The finding's trace names its source parameters: a payload elsewhere proves nothing.
    const named = inputs.filter(({ name }) => wanted.includes(name));
    if (named.length) inputs = named;
  }
  // Client-side code reads its input from the page: location, storage.
  if (browserInstalled && !trusted.includes('location/storage')) inputs.push({ name: 'location/storage', index: -1 });
  const kinds = (CONFIG.kinds || Object.keys(KINDS)).filter((name) => KINDS[name]).map((name) => [name, KINDS[name]]);
  if (inputs.length === 0 && kinds.every(([, kind]) => kind.needsInput !== false)) {
    return inconclusive('no_input', 'the function takes no input a payload could be put in');
  }
  const ctx = makeContext(fn, params, inputs);
  for (const [name, kind] of kinds) {
    kind.name = name;
    if (ctx.overBudget()) {
      note(`time budget exhausted after ${state.calls} calls`);
      break;
    }
    if (kind.needsInput !== false && inputs.length === 0) continue;
    if (kind.drive) await kind.drive(ctx, kind);
    else await ctx.tryPayloads(kind);
  }
  return finish(ctx);
}

function makeContext(fn, params, inputs) {
  const started = Date.now();
  const ctx = {
    fn, params, inputs, tried: new Map(), timeouts: 0, completed: 0, undecided: [],
    overBudget: () => (Date.now() - started) / 1000 > CONFIG.budget_secs,
    // Calls with `payload` in `input` (null: ordinary values everywhere).
    async call(input, payload) {
      const requestLike = input && REQUEST_NAMES.includes(input.name.toLowerCase());
      const args = params.map((name, index) => {
        if (!input || index !== input.index || requestLike) return sensibleValue(name);
        // A parameter used as a record (bookmark.url) gets an object whose fields are the payload.
        return usedAsRecord(fn, name) ? payloadObject() : payload;
      });
      const observed = await callObserved(fn, args, input ? payload : null);
      ctx.lastOutput = observed.output;
      ctx.lastError = observed.error;
      if (observed.error === 'timeout') {
        ctx.timeouts += 1;
        note(`a call did not return within ${CONFIG.call_timeout_secs}s`);
        if (ctx.timeouts >= 2 && ctx.completed === 0) inconclusive('timeout', `the function did not return within ${CONFIG.call_timeout_secs}s`);
      } else {
        ctx.completed += 1;
        if (observed.error) note(`the function threw: ${observed.error}`);
      }
      return observed;
    },
    attempt(kind, input, count = 1) {
      const parameter = input ? input.name : '(none)';
      const key = `${kind.name}/${parameter}`;
      if (!ctx.tried.has(key)) ctx.tried.set(key, { kind: kind.name, parameter, payloads: 0, sinks: [], what: kind.what || '' });
      const attempt = ctx.tried.get(key);
      attempt.payloads += count;
      if (kind.reached && kind.reached(state.events, ctx.lastOutput || '')) attempt.reached = true;
      if (environmentDecided(ctx.lastError, state.events)) attempt.environment = true;
      for (const event of state.events) if (event.kind !== 'stubcall' && !attempt.sinks.includes(event.sink)) attempt.sinks.push(event.sink);
      return attempt;
    },
    confirm(kind, input, payload, found, output) {
      return emit({
        verdict: 'confirmed', sink: found[0], kind: kind.name, parameter: input ? input.name : '(none)',
        payload: String(payload), call: found[1], output: output || '', happened: found[2] || '',
      });
    },
    async tryPayloads(kind) {
      for (const payload of kind.payloads()) {
        for (const input of inputs) {
          if (ctx.overBudget()) {
            note(`time budget exhausted after ${state.calls} calls`);
            return finish(ctx);
          }
          const { result, error, output } = await ctx.call(input, payload);
          ctx.attempt(kind, input);
          const found = kind.judge(result, error, output);
          if (found) return ctx.confirm(kind, input, payload, found, output);
        }
      }
      return undefined;
    },
  };
  return ctx;
}

const ENVIRONMENT_ERRORS = /ENOENT|ENOTDIR|EACCES|ECONNREFUSED|network is disabled|Cannot find module|stub|is not a function|timeout/i;

// Whether the sandbox rather than the code may have decided how the call went: a missing
// file, the disabled network, a stub (an empty database) consulted on the way.
function environmentDecided(error, events) {
  if (error && ENVIRONMENT_ERRORS.test(String(error))) return true;
  return events.some((event) => event.kind === 'stubcall');
}

function finish(ctx) {
  if (ctx.completed === 0 && ctx.timeouts) return inconclusive('timeout', `no call returned within ${CONFIG.call_timeout_secs}s`);
  // A kind whose sink no call reached did not really try its attack: not refuted.
  for (const [name, kind] of Object.entries(KINDS)) {
    const keys = [...ctx.tried.keys()].filter((key) => key.startsWith(`${name}/`));
    if (!kind.reached || keys.length === 0 || keys.some((key) => ctx.tried.get(key).reached)) continue;
    if (!keys.some((key) => ctx.tried.get(key).environment)) {
      // The code itself returned or refused before the sink on every payload: tried and stopped.
      for (const key of keys) ctx.tried.get(key).what += '; no payload reached the sink: the function returned or refused first';
      continue;
    }
    for (const key of keys) ctx.tried.delete(key);
    ctx.undecided.push(['sink_not_reached', `no call reached a ${name} sink (${kind.what}): a guard the sandbox cannot satisfy, a stubbed database, a missing file or the disabled network ended them first`]);
  }
  for (const attempt of ctx.tried.values()) {
    delete attempt.reached;
    delete attempt.environment;
  }
  if (ctx.tried.size === 0 && ctx.undecided.length) return inconclusive(ctx.undecided[0][0], ctx.undecided[0][1]);
  return emit({ verdict: 'not_reproduced', tried: [...ctx.tried.values()] });
}

main().catch((error) => inconclusive('harness_error', `${error && error.name}: ${error && error.message}`));
