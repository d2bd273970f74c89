// bluecode's built-in canary harness for JavaScript (Node, CommonJS).
//
// Fed to `node -` on stdin inside the hardened container; the configuration replaces the
// placeholder below. Same idea as the Python harness: write the module into /work, load it
// through a require hook that stubs missing packages (and fakes a few database drivers,
// template engines and node-serialize so their sinks are recorded), call the function with
// canary payloads, watch child_process, fs, eval/Function, vm, http(s)/fetch and the
// database fakes, and print one line "@@bluecode-verdict-<nonce>@@ {json}".
//
// Proofs, per payload kind: command — the injected `touch /work/.<marker>` ran; code and
// deserialization — the global canary function was called; sql — the marker is a bare
// token outside string literals; path — a path resolved to the marker file; template — the
// marker became template source; xss — the raw <script> payload was sent; ssrf — a request
// went to the marker host. Non-exported top-level functions are reached by appending one
// line to the module that hands them to the harness. ES modules are not supported.
'use strict';

const CONFIG = JSON.parse("__BLUECODE_CONFIG__");
const fs = require('fs');
const path = require('path');
const Module = require('module');
const childProcess = require('child_process');
const vm = require('vm');
const http = require('http');
const https = require('https');

const MARK = 'bc' + CONFIG.nonce;
const WORK = '/work';
const TARGET_DIR = path.join(WORK, MARK + '_secret');
const TARGET_FILE = path.join(TARGET_DIR, 'flag.txt');
const writeSync = fs.writeSync;
const existsSync = fs.existsSync;
const unlinkSync = fs.unlinkSync;
const exit = process.exit.bind(process);
const realRunInThisContext = vm.runInThisContext;

const registered = [];
const state = { armed: false, events: [], canary: [], children: [], payload: null, calls: 0, sent: [] };
const stubbed = new Set();
const notes = [];

function note(text) {
  text = String(text).slice(0, 300);
  if (notes.length < 20 && !notes.includes(text)) notes.push(text);
}

function emit(verdict) {
  verdict.stubbed = [...stubbed].sort();
  verdict.calls = state.calls;
  verdict.notes = notes;
  writeSync(1, `\n@@bluecode-verdict-${CONFIG.nonce}@@ ${JSON.stringify(verdict)}\n`);
  exit(0);
}

function inconclusive(cause, reason) {
  emit({ verdict: 'inconclusive', cause, reason: String(reason) });
}

function record(sink, kind, call) {
  if (state.armed) state.events.push({ sink, kind, call: String(call) });
}

// A CLI module calling process.exit (a usage check at load, say) must not end the harness.
process.exit = (code) => {
  throw new Error(`process.exit(${code}) called`);
};

// Errors the code under test throws later (callbacks, promises) must not end the harness.
process.on('uncaughtException', (error) => note(`uncaught: ${error && error.message}`));
process.on('unhandledRejection', (error) => note(`unhandled rejection: ${error && error.message}`));

// ------------------------------------------------------------------ canary

globalThis[MARK] = function canary(how) {
  if (state.armed) state.canary.push(typeof how === 'string' ? how : 'code');
  return 0;
};

// ------------------------------------------------------------------ wrappers

function commandOf(name, args) {
  if (name === 'exec' || name === 'execSync') return String(args[0]);
  const argv = Array.isArray(args[1]) ? args[1] : [];
  return [String(args[0]), ...argv.map(String)].join(' ');
}

for (const name of ['exec', 'execSync', 'spawn', 'spawnSync', 'execFile', 'execFileSync']) {
  const real = childProcess[name];
  childProcess[name] = function (...args) {
    record('child_process.' + name, 'command', commandOf(name, args));
    const child = real.apply(this, args);
    if (state.armed && child && typeof child.once === 'function') state.children.push(child);
    return child;
  };
}

const pathFunctions = [
  'readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync',
  'createReadStream', 'createWriteStream', 'open', 'openSync', 'unlink', 'unlinkSync',
  'readdir', 'readdirSync', 'stat', 'statSync',
];
function wrapPaths(target, prefix) {
  for (const name of pathFunctions) {
    const real = target[name];
    if (typeof real !== 'function') continue;
    target[name] = function (file, ...rest) {
      if (typeof file === 'string' || Buffer.isBuffer(file) || file instanceof URL) {
        record(prefix + name, 'path', file instanceof URL ? file.pathname : String(file));
      }
      return real.call(this, file, ...rest);
    };
  }
}
wrapPaths(fs, 'fs.');
wrapPaths(fs.promises, 'fs.promises.');

const realEval = globalThis.eval;
globalThis.eval = function (source) {
  record('eval', 'code', source);
  return realEval(source);
};
const RealFunction = Function;
function TracedFunction(...args) {
  record('Function', 'code', args.length ? args[args.length - 1] : '');
  return RealFunction(...args);
}
TracedFunction.prototype = RealFunction.prototype;
globalThis.Function = TracedFunction;

function withCanary(context) {
  const target = context && typeof context === 'object' ? context : {};
  try {
    target[MARK] = globalThis[MARK];
  } catch (_) {
    // A frozen context cannot hold the canary; the call is still recorded.
  }
  return target;
}
for (const name of ['runInNewContext', 'runInContext', 'runInThisContext']) {
  const real = vm[name];
  vm[name] = function (code, context, ...rest) {
    record('vm.' + name, 'code', code);
    if (name === 'runInNewContext') context = withCanary(context);
    if (name === 'runInContext' && context) withCanary(context);
    return real.call(this, code, context, ...rest);
  };
}
const RealScript = vm.Script;
vm.Script = class extends RealScript {
  constructor(code, ...rest) {
    record('vm.Script', 'code', code);
    super(code, ...rest);
  }
  runInNewContext(context, ...rest) {
    return super.runInNewContext(withCanary(context), ...rest);
  }
};

function hostOf(target) {
  try {
    if (typeof target === 'string') return new URL(target).hostname;
    if (target instanceof URL) return target.hostname;
    if (target && typeof target === 'object') return String(target.hostname || target.host || '');
  } catch (_) {
    return String(target);
  }
  return '';
}
for (const lib of [http, https]) {
  const realCreateServer = lib.createServer;
  lib.createServer = function (...args) {
    for (const arg of args) if (typeof arg === 'function') registered.push(arg);
    return realCreateServer.apply(this, args);
  };
}
for (const [lib, prefix] of [[http, 'http.'], [https, 'https.']]) {
  for (const name of ['request', 'get']) {
    const real = lib[name];
    lib[name] = function (target, ...rest) {
      record(prefix + name, 'ssrf', typeof target === 'string' ? target : hostOf(target));
      return real.call(this, target, ...rest);
    };
  }
}
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = function (target) {
    record('fetch', 'ssrf', typeof target === 'string' ? target : hostOf(target));
    return Promise.reject(new Error('network is disabled in the sandbox'));
  };
}

// ------------------------------------------------------------------ stubs and fakes

// ORM and driver methods that take raw SQL (knex.raw, sequelize.query, any execute) are
// sinks even on a stub.
const SQL_METHODS = new Set(['raw', 'query', 'execute', 'exec', 'whereRaw', 'orderByRaw', 'havingRaw', 'selectRaw', 'unsafe']);

function makeStub(name) {
  const target = function stub() {};
  return new Proxy(target, {
    get(_, key) {
      if (key === Symbol.toPrimitive) return () => '';
      if (typeof key === 'symbol' || key === 'then' || key === '__esModule') return undefined;
      return makeStub(name + '.' + String(key));
    },
    apply(_, __, args) {
      // Callbacks handed to a stubbed framework (app.get('/x', (req, res) => …)) are the
      // anonymous functions `line:N` can select.
      for (const arg of args.flat()) if (typeof arg === 'function') registered.push(arg);
      if (args.length === 1 && typeof args[0] === 'function') return args[0];
      const method = name.slice(name.lastIndexOf('.') + 1);
      if (SQL_METHODS.has(method) && typeof args[0] === 'string') record(name, 'sql', args[0]);
      return makeStub(name + '()');
    },
    construct() {
      return makeStub('new ' + name);
    },
  });
}

function sqlRecorder(driver) {
  return function (sql, ...rest) {
    const text = sql && typeof sql === 'object' ? sql.text || sql.sql || '' : sql;
    record(driver + '.query', 'sql', text);
    const callback = rest.find((value) => typeof value === 'function');
    if (callback) {
      callback(null, [], []);
      return undefined;
    }
    return Promise.resolve({ rows: [], rowCount: 0, 0: [], 1: [] });
  };
}

function fakeDbConnection(driver) {
  const query = sqlRecorder(driver);
  const connection = {
    query, execute: query, run: query, all: query, get: query, each: query, exec: query,
    connect(callback) { if (typeof callback === 'function') callback(null); return Promise.resolve(); },
    end() { return Promise.resolve(); }, release() {}, close() {},
    prepare(sql) {
      record(driver + '.prepare', 'sql', sql);
      return { run: () => ({ changes: 0 }), get: () => undefined, all: () => [] };
    },
  };
  connection.getConnection = (callback) => (typeof callback === 'function' ? callback(null, connection) : Promise.resolve(connection));
  return connection;
}

function fakeMysql(name) {
  return () => ({ createConnection: () => fakeDbConnection(name), createPool: () => fakeDbConnection(name) });
}
function fakeClassDriver(name) {
  return function FakeDriver() { return fakeDbConnection(name); };
}
function recordTemplate(sink) {
  return (source) => {
    record(sink, 'template', source);
    return () => String(source);
  };
}

function httpClient(name) {
  const call = (target, ...rest) => {
    const options = rest.find((value) => value && typeof value === 'object') || {};
    const url = typeof target === 'string' || target instanceof URL ? String(target) : String((target && target.url) || options.url || '');
    record(name, 'ssrf', url);
    return Promise.reject(new Error('network is disabled in the sandbox'));
  };
  for (const verb of ['get', 'post', 'put', 'delete', 'head', 'patch', 'request', 'stream']) {
    call[verb] = (target, ...rest) => {
      record(`${name}.${verb}`, 'ssrf', typeof target === 'string' ? target : String((target && target.url) || ''));
      return Promise.reject(new Error('network is disabled in the sandbox'));
    };
  }
  call.create = () => call;
  call.extend = () => call;
  call.default = call;
  return call;
}

class SafeString {
  constructor(text) { this.string = String(text); }
  toString() { return this.string; }
  toHTML() { return this.string; }
}
const escapeExpression = (text) => String(text).replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);

const FAKES = {
  got: () => httpClient('got'),
  axios: () => httpClient('axios'),
  'node-fetch': () => httpClient('node-fetch'),
  request: () => httpClient('request'),
  superagent: () => httpClient('superagent'),
  mysql: fakeMysql('mysql'),
  mysql2: fakeMysql('mysql2'),
  'mysql2/promise': fakeMysql('mysql2'),
  pg: () => ({ Client: fakeClassDriver('pg'), Pool: fakeClassDriver('pg') }),
  sqlite3: () => ({ Database: fakeClassDriver('sqlite3'), verbose() { return this; } }),
  'better-sqlite3': () => fakeClassDriver('better-sqlite3'),
  ejs: () => ({ render: (source) => { record('ejs.render', 'template', source); return String(source); }, compile: recordTemplate('ejs.compile') }),
  handlebars: () => ({
    compile: recordTemplate('handlebars.compile'),
    registerHelper(name, fn) { if (typeof fn === 'function') registered.push(fn); },
    SafeString,
    escapeExpression,
    Utils: { escapeExpression },
  }),
  pug: () => ({ render: (source) => { record('pug.render', 'template', source); return String(source); }, compile: recordTemplate('pug.compile') }),
  nunjucks: () => ({ renderString: (source) => { record('nunjucks.renderString', 'template', source); return String(source); } }),
  'node-serialize': () => ({
    // What node-serialize really does with function markers: it evaluates them.
    unserialize(text) {
      record('node-serialize.unserialize', 'deserialization', text);
      const object = typeof text === 'string' ? JSON.parse(text) : text;
      for (const key of Object.keys(object || {})) {
        const value = object[key];
        if (typeof value === 'string' && value.startsWith('_$$ND_FUNC$$_')) {
          object[key] = realEval('(' + value.slice('_$$ND_FUNC$$_'.length) + ')');
        }
      }
      return object;
    },
    serialize: (value) => JSON.stringify(value),
  }),
};

const realLoad = Module._load;
Module._load = function (request, parent, isMain) {
  try {
    return realLoad.call(this, request, parent, isMain);
  } catch (error) {
    // Missing packages and missing sibling files of the module (./mailing) become stubs.
    const stubbable = !request.startsWith('/') && !request.startsWith('node:');
    if (error && error.code === 'MODULE_NOT_FOUND' && stubbable && String(error.message).includes(`'${request}'`)) {
      stubbed.add(request);
      return FAKES[request] ? FAKES[request]() : makeStub(request);
    }
    throw error;
  }
};

// ------------------------------------------------------------------ payloads

function payloads() {
  const touch = (n) => `touch ${WORK}/.${MARK}_c${n}`;
  const serialized = JSON.stringify({ session: `_$$ND_FUNC$$_function(){ return ${MARK}('deserialization'); }()` });
  return [
    ['command', `x;${touch(0)};#`],
    ['command', `x$(${touch(1)})`],
    ['command', `x';${touch(2)};'`],
    ['sql', `' OR ${MARK}=${MARK} --`],
    ['sql', `" OR ${MARK}=${MARK} --`],
    ['sql', `1 OR ${MARK}=${MARK}`],
    ['code', `${MARK}('code')`],
    ['code', `'+${MARK}('code')+'`],
    ['code', `"+${MARK}('code')+"`],
    ['code', '${' + MARK + "('code')}"],
    ['path', '../'.repeat(12) + TARGET_FILE.slice(1)],
    ['path', TARGET_FILE],
    ['deserialization', serialized],
    ['deserialization', Buffer.from(serialized).toString('base64')],
    ['template', `{{ ${MARK} }}<%= ${MARK} %>`],
    ['xss', `<script>${MARK}</script>`],
    ['ssrf', `http://${MARK}.invalid/`],
    ['ssrf', `${MARK}.invalid`],
  ];
}

const HINTS = [
  ['command', /\b78\b|command|shell|child_process|exec/],
  ['sql', /\b89\b|sql|query/],
  ['code', /\b9[45]\b|eval|function|vm|code.injection/],
  ['path', /\b22\b|\b23\b|path|traversal|fs\./],
  ['deserialization', /\b502\b|serializ/],
  ['template', /\b1336\b|\b94\b|template|ssti/],
  ['xss', /\b79\b|xss|html/],
  ['ssrf', /\b918\b|ssrf|url|fetch|request/],
];

// Only the kinds the hint names (a finding is confirmed by its own kind of sink); all kinds
// without a hint or when the hint names none.
function orderedPayloads() {
  const hint = String(CONFIG.hint || '').toLowerCase();
  const preferred = hint ? HINTS.filter(([, pattern]) => pattern.test(hint)).map(([kind]) => kind) : [];
  if (preferred.length === 0) return payloads();
  return preferred.flatMap((kind) => payloads().filter(([k]) => k === kind));
}

// ------------------------------------------------------------------ arguments

function parameterNames(fn) {
  const source = RealFunction.prototype.toString.call(fn);
  const arrow = /^(?:async\s*)?([A-Za-z_$][\w$]*)\s*=>/.exec(source);
  if (arrow) return [arrow[1]];
  const open = source.indexOf('(');
  if (open < 0) return [];
  let depth = 0;
  let end = open;
  for (let i = open; i < source.length; i += 1) {
    if ('([{'.includes(source[i])) depth += 1;
    if (')]}'.includes(source[i])) depth -= 1;
    if (depth === 0) { end = i; break; }
  }
  const parts = [];
  let current = '';
  depth = 0;
  for (const c of source.slice(open + 1, end)) {
    if ('([{'.includes(c)) depth += 1;
    if (')]}'.includes(c)) depth -= 1;
    if (c === ',' && depth === 0) { parts.push(current); current = ''; } else current += c;
  }
  if (current.trim()) parts.push(current);
  return parts.map((part) => {
    const name = part.split('=')[0].trim().replace(/^\.\.\./, '');
    return /^[{[]/.test(name) ? '{destructured}' : name;
  });
}

function payloadObject() {
  return new Proxy({}, {
    get(_, key) {
      if (typeof key === 'symbol' || key === 'then' || key === 'toJSON') return undefined;
      if (['query', 'body', 'params', 'headers', 'cookies', 'signedCookies'].includes(key)) return payloadObject();
      if (key === 'get' || key === 'header' || key === 'param') return () => state.payload;
      return state.payload;
    },
    has() { return true; },
  });
}

function fakeResponse() {
  const response = {
    statusCode: 200,
    status() { return response; },
    set() { return response; },
    setHeader() { return response; },
    type() { return response; },
    send(body) { state.sent.push(String(body)); return response; },
    write(body) { state.sent.push(String(body)); return true; },
    end(body) { if (body !== undefined) state.sent.push(String(body)); return response; },
    json(body) { state.sent.push(String(JSON.stringify(body))); return response; },
    render(view, locals) { state.sent.push(String(view)); return response; },
    redirect() { return response; },
    sendFile(file) { record('res.sendFile', 'path', file); return response; },
    download(file) { record('res.download', 'path', file); return response; },
  };
  return response;
}

const REQUEST_NAMES = ['req', 'request', 'ctx', 'event', '{destructured}'];
const CONNECTION_NAMES = ['db', 'conn', 'connection', 'client', 'pool', 'database', 'knex'];

function isInput(name) {
  return !CONNECTION_NAMES.includes(name) && !['res', 'response', 'next', 'cb', 'callback', 'done'].includes(name);
}

function sensibleValue(name) {
  const lower = name.toLowerCase();
  if (REQUEST_NAMES.includes(lower)) return payloadObject();
  if (CONNECTION_NAMES.includes(lower)) return fakeDbConnection('db');
  if (['res', 'response'].includes(lower)) return fakeResponse();
  if (['next', 'cb', 'callback', 'done'].includes(lower)) return () => {};
  if (/url|uri|link/.test(lower)) return 'http://example.com/';
  if (/path|file|name/.test(lower)) return 'notes.txt';
  if (/host|domain/.test(lower)) return 'example.com';
  if (/^(n|count|limit|num|page|size|port|id)$|id$/.test(lower)) return 1;
  return 'alice';
}

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
    const bodies = [...state.sent, html];
    const body = bodies.find((text) => text.includes(`<script>${MARK}`));
    if (body !== undefined) return ['html response', body.slice(0, 500)];
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
    return functionAtLine(require(file), Number(atLine[1]));
  }
  const names = CONFIG.function.split('.');
  // Hands the (possibly unexported) top-level binding to the harness.
  const expose = `\n;try { globalThis.__bluecodeTarget = ${names[0]}; } catch (_) {}\n`;
  fs.writeFileSync(file, CONFIG.module_source + expose);
  const exported = require(file);
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

async function main() {
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
  const inputs = params.map((name, index) => ({ name, index })).filter(({ name }) => isInput(name.toLowerCase()));
  if (inputs.length === 0) return inconclusive('no_input', 'the function takes no input a payload could be put in');
  const started = Date.now();
  const tried = new Map();
  let timeouts = 0;
  let completed = 0;
  for (const [kind, payload] of orderedPayloads()) {
    for (const input of inputs) {
      if ((Date.now() - started) / 1000 > CONFIG.budget_secs) {
        note(`time budget exhausted after ${state.calls} calls`);
        return finish(tried, completed, timeouts);
      }
      const requestLike = REQUEST_NAMES.includes(input.name.toLowerCase());
      const args = params.map((name, index) => (index === input.index && !requestLike ? payload : sensibleValue(name)));
      const { result, error, output } = await callObserved(fn, args, payload);
      if (error === 'timeout') {
        timeouts += 1;
        note(`a call did not return within ${CONFIG.call_timeout_secs}s`);
        if (timeouts >= 2 && completed === 0) return inconclusive('timeout', `the function did not return within ${CONFIG.call_timeout_secs}s`);
      } else {
        completed += 1;
        if (error) note(`the function threw: ${error}`);
      }
      const key = `${kind}/${input.name}`;
      if (!tried.has(key)) tried.set(key, { kind, parameter: input.name, payloads: 0, sinks: [] });
      const attempt = tried.get(key);
      attempt.payloads += 1;
      for (const event of state.events) if (!attempt.sinks.includes(event.sink)) attempt.sinks.push(event.sink);
      const found = judge(kind, result);
      if (found) {
        return emit({ verdict: 'confirmed', sink: found[0], kind, parameter: input.name, payload, call: found[1], output });
      }
    }
  }
  return finish(tried, completed, timeouts);
}

function finish(tried, completed, timeouts) {
  if (completed === 0 && timeouts) return inconclusive('timeout', `no call returned within ${CONFIG.call_timeout_secs}s`);
  return emit({ verdict: 'not_reproduced', tried: [...tried.values()] });
}

main().catch((error) => inconclusive('harness_error', `${error && error.name}: ${error && error.message}`));
