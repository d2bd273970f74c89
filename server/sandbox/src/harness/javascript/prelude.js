// bluecode's built-in canary harness for JavaScript (Node, CommonJS), part 1 of 5 (prelude.js,
// fakes.js, inputs.js, browser.js, run.js: harness/mod.rs concatenates them in this order, with
// the selected kinds' files, kinds/NAME.js, between browser.js and run.js).
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

// Errors the code under test throws later (callbacks, promises) must not end the harness;
// one thrown while the harness script itself is still being set up (a kind file) must not
// pass silently either.
const harness = { started: false };
process.on('uncaughtException', (error) => {
  if (!harness.started) inconclusive('harness_error', `the harness failed while setting up: ${error && error.stack}`);
  note(`uncaught: ${error && error.message}`);
});
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
