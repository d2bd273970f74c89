// bluecode behaviour recorder (JavaScript): runs a module, or one function of it, and records
// what it *tried* — files opened, processes spawned, sockets connected or listened on, URLs
// fetched, signals sent, environment read, files deleted, code evaluated. Nothing leaves:
// spawns, signals and deletes outside the project are refused after being recorded; outgoing
// connections go to a local listener; requests get a decoy answer; the home directory is a
// throw-away one full of decoy secrets. `fs`, `child_process`, `net`, `http(s)`, `dns`,
// `process.kill` and `process.env` are patched before the code loads; a browser script gets a
// small fake page (document, window, navigator) into which the recorder types decoy keys and
// copies a decoy wallet address. Prints one marked line.
"use strict";
const CONFIG = JSON.parse("__BLUECODE_CONFIG__");
const fs = require("fs");
const path = require("path");
const net = require("net");
const http = require("http");
const https = require("https");
const dns = require("dns");
const vm = require("vm");
const childProcess = require("child_process");
const Module = require("module");
const { EventEmitter } = require("events");
const { Readable, PassThrough } = require("stream");

const HOME = "/work/home";
const PROJECT = "/work/project";
const DECOY_DIR = "/work/.decoys";
const DECOY_BODY = "Ymx1ZWNvZGUx";
const MAX_EVENTS = 200;
const REMOTE_COMMAND = "echo bluecode-remote-command\n";
const events = [];
const seen = new Set();
const notes = [];
let armed = false;

// What the recorder "types" into keyboard hooks; data sent out containing it carries the keys.
const TYPED_KEYS = "pw4bluecode";
// What the user "copies" on the fake page.
const DECOY_WALLET = "bc1qbluecodedecoywalletaddress0000000000";

let spawns = 0;
// Processes one run may try to start before it counts as multiplying without bound.
const PROCESS_LIMIT = 64;

function record(kind, target, extra) {
  if (!armed) return;
  if (kind === "spawn" && ++spawns === PROCESS_LIMIT) record("limit", "processes", `${PROCESS_LIMIT} processes started`);
  const event = { kind, target: String(target).slice(0, 300), extra: String(extra || "").slice(0, 120) };
  const key = JSON.stringify(event);
  if (seen.has(key) || events.length >= MAX_EVENTS) return;
  seen.add(key);
  events.push(event);
}

function blocked(what) {
  const error = new Error(`blocked by the bluecode sandbox: ${what}`);
  error.code = "EPERM";
  return error;
}

// ------------------------------------------------------------ decoys and a throw-away home
const DECOYS = {
  ".ssh/id_rsa": "-----BEGIN OPENSSH PRIVATE KEY-----\nbluecode-decoy-key\n-----END OPENSSH PRIVATE KEY-----\n",
  ".ssh/id_ed25519": "-----BEGIN OPENSSH PRIVATE KEY-----\nbluecode-decoy-ed25519\n-----END OPENSSH PRIVATE KEY-----\n",
  ".aws/credentials": "[default]\naws_access_key_id = AKIABLUECODEDECOY\naws_secret_access_key = bluecode-decoy\n",
  ".npmrc": "//registry.npmjs.org/:_authToken=bluecode-decoy\n",
  ".netrc": "machine example.com login decoy password bluecode-decoy\n",
  ".git-credentials": "https://decoy:bluecode-decoy@github.com\n",
  ".kube/config": "apiVersion: v1\nusers: [{name: decoy, user: {token: bluecode-decoy}}]\n",
  ".docker/config.json": '{"auths": {}}\n',
  ".config/google-chrome/Default/Login Data": "bluecode-decoy",
  ".config/google-chrome/Default/Cookies": "bluecode-decoy",
  ".mozilla/firefox/decoy.default/logins.json": '{"logins": []}',
  ".gnupg/pubring.kbx": "bluecode-decoy",
  ".electrum/wallets/default_wallet": "bluecode-decoy",
  ".config/Exodus/exodus.wallet/seed.seco": "bluecode-decoy",
  ".config/google-chrome/Default/Local Extension Settings/nkbihfbeogaeaoehlefnkodbefgpgknn/000003.log": "bluecode-decoy",
  "Library/Keychains/login.keychain-db": "bluecode-decoy",
  ".bash_history": "ls\n",
  ".zsh_history": "ls\n",
  ".bashrc": "# decoy\n",
  ".cache/.keep": "",
  ".config/autostart/.keep": "",
  "Documents/budget.xlsx": "bluecode-decoy",
  "Documents/contract.pdf": "bluecode-decoy",
  "Documents/letter.docx": "bluecode-decoy",
  "Pictures/holiday.jpg": "bluecode-decoy",
  "Pictures/scan.png": "bluecode-decoy",
};
const SYSTEM_DECOYS = {
  "/etc/shadow": "root:$6$bluecode$decoy:19000:0:99999:7:::\n",
  "/etc/gshadow": "root:*::\n",
  "/etc/sudoers": "root ALL=(ALL) ALL\n",
};
const SECRET_ENV = {
  AWS_SECRET_ACCESS_KEY: "bluecode-decoy",
  GITHUB_TOKEN: "ghp_bluecodedecoy",
  NPM_TOKEN: "bluecode-decoy",
  DATABASE_PASSWORD: "bluecode-decoy",
};

function plantDecoys() {
  for (const [rel, text] of Object.entries(DECOYS)) {
    const file = path.join(HOME, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  for (const [file, text] of Object.entries(SYSTEM_DECOYS)) {
    fs.mkdirSync(path.dirname(DECOY_DIR + file), { recursive: true });
    fs.writeFileSync(DECOY_DIR + file, text);
  }
  fs.mkdirSync(PROJECT, { recursive: true });
  process.env.HOME = HOME;
  Object.assign(process.env, SECRET_ENV);
  process.chdir(PROJECT);
}

function absolute(p) {
  if (typeof p === "number") return null;
  if (p instanceof URL) p = p.pathname;
  if (Buffer.isBuffer(p)) p = p.toString();
  return typeof p === "string" ? path.resolve(p) : null;
}

function insideProject(p) {
  return p === PROJECT || p.startsWith(PROJECT + "/");
}

// --------------------------------------------------------------------------- fs
const FS_READS = ["readFileSync", "readFile", "createReadStream", "openSync", "open", "readdirSync", "readdir", "copyFileSync", "copyFile"];
const FS_WRITES = ["writeFileSync", "writeFile", "appendFileSync", "appendFile", "createWriteStream"];
const FS_DELETES = ["rmSync", "rm", "rmdirSync", "rmdir", "unlinkSync", "unlink", "truncateSync", "truncate"];

function patchFs() {
  const wrap = (target, name, kind) => {
    const real = target[name];
    if (typeof real !== "function") return;
    target[name] = function (file, ...rest) {
      const where = absolute(file);
      if (armed && where !== null) {
        if (kind === "delete") {
          const options = rest[0] && typeof rest[0] === "object" ? rest[0] : {};
          record("delete", where, options.recursive ? "recursive" : name);
          // One file of the throw-away home may go (a decoy): code that deletes file after
          // file shows how many it reaches. Trees and anything else are refused.
          const oneHomeFile = name.startsWith("unlink") && where.startsWith(HOME + "/");
          if (!insideProject(where) && !oneHomeFile) {
            const callback = rest.find((r) => typeof r === "function");
            if (callback) return process.nextTick(() => callback(blocked(name)));
            if (target === fs.promises) return Promise.reject(blocked(name));
            throw blocked(name);
          }
        } else {
          const flags = typeof rest[0] === "string" ? rest[0] : rest[0] && rest[0].flags;
          const mode = kind === "write" || /[wa+]/.test(flags || "") ? "w" : "r";
          record("open", where, name.startsWith("readdir") ? "list" : mode);
          if (name === "copyFileSync" || name === "copyFile") record("open", absolute(rest[0]) || "", "w");
        }
      }
      const redirected = where !== null && SYSTEM_DECOYS[where] !== undefined ? DECOY_DIR + where : file;
      return real.call(this, redirected, ...rest);
    };
  };
  for (const name of FS_READS) wrap(fs, name, "read");
  for (const name of FS_WRITES) wrap(fs, name, "write");
  for (const name of FS_DELETES) wrap(fs, name, "delete");
  for (const name of ["readFile", "open", "readdir", "copyFile"]) wrap(fs.promises, name, "read");
  for (const name of ["writeFile", "appendFile"]) wrap(fs.promises, name, "write");
  for (const name of ["rm", "rmdir", "unlink", "truncate"]) wrap(fs.promises, name, "delete");
  for (const name of ["renameSync", "rename"]) {
    const real = fs[name];
    fs[name] = function (from, to, ...rest) {
      if (armed) record("rename", absolute(from) || String(from), absolute(to) || String(to));
      return real.call(this, from, to, ...rest);
    };
  }
  for (const name of ["chmodSync", "chmod"]) {
    const real = fs[name];
    fs[name] = function (file, mode, ...rest) {
      if (armed) record("chmod", absolute(file) || String(file), typeof mode === "number" ? "0o" + mode.toString(8) : String(mode));
      return real.call(this, file, mode, ...rest);
    };
  }
}

// ----------------------------------------------------------------------- processes
function argvText(command, args) {
  return [command, ...(Array.isArray(args) ? args : [])].join(" ");
}

function fakeChild(what) {
  const child = new EventEmitter();
  child.stdin = new PassThrough();
  child.stdout = new PassThrough();
  child.stderr = new PassThrough();
  child.pid = undefined;
  child.kill = () => false;
  child.unref = () => child;
  child.ref = () => child;
  process.nextTick(() => {
    child.emit("error", blocked(what));
    child.stdout.end();
    child.stderr.end();
    child.emit("close", 1);
  });
  return child;
}

function patchChildProcess() {
  const shell = (name) => (command, ...rest) => {
    record("spawn", `sh -c ${command}`);
    if (name.endsWith("Sync")) throw blocked(name);
    const callback = rest.find((r) => typeof r === "function");
    if (callback) process.nextTick(() => callback(blocked(name), "", ""));
    return fakeChild(name);
  };
  const direct = (name) => (command, args, ...rest) => {
    record("spawn", argvText(command, args));
    if (name.endsWith("Sync")) throw blocked(name);
    const callback = [args, ...rest].find((r) => typeof r === "function");
    if (callback) process.nextTick(() => callback(blocked(name), "", ""));
    return fakeChild(name);
  };
  childProcess.exec = shell("exec");
  childProcess.execSync = shell("execSync");
  for (const name of ["spawn", "spawnSync", "execFile", "execFileSync", "fork"]) childProcess[name] = direct(name);
}

// --------------------------------------------------------------------------- network
let listenerPort = 0;

function startListener() {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => {
      // The other end of a remote shell: a connection that says nothing gets a command.
      const quiet = setTimeout(() => socket.write(REMOTE_COMMAND), 300);
      socket.once("data", (data) => {
        clearTimeout(quiet);
        if (/^(GET|POST|PUT|HEAD) /.test(data.toString("latin1", 0, 5))) {
          socket.end(`HTTP/1.0 200 OK\r\nContent-Length: ${DECOY_BODY.length}\r\n\r\n${DECOY_BODY}`);
        } else {
          socket.write(REMOTE_COMMAND);
        }
      });
      socket.on("error", () => {});
    });
    server.listen(0, "127.0.0.1", () => {
      listenerPort = server.address().port;
      server.unref();
      resolve();
    });
  });
}

const isLocal = (host) => !host || host === "127.0.0.1" || host === "localhost" || host === "::1";

function patchNet() {
  const realConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    let options = args[0];
    let rest = args.slice(1);
    if (typeof options !== "object" || options === null || Array.isArray(options)) {
      options = { port: args[0], host: typeof args[1] === "string" ? args[1] : "localhost" };
      rest = args.slice(typeof args[1] === "string" ? 2 : 1);
    }
    if (armed && !options.path && !isLocal(options.host)) {
      record("connect", `${options.host}:${options.port}`);
      options = { ...options, host: "127.0.0.1", port: listenerPort };
    }
    return realConnect.call(this, options, ...rest);
  };
  const realListen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    if (!armed) return realListen.apply(this, args);
    const port = typeof args[0] === "object" && args[0] ? args[0].port : args[0];
    const host = typeof args[1] === "string" ? args[1] : (args[0] && args[0].host) || "0.0.0.0";
    record("listen", `${host}:${port}`);
    // A bind shell acts when someone connects: the recorder connects once.
    const server = realListen.call(this, 0, "127.0.0.1", () => {
      const { port: real } = server.address();
      const probe = new net.Socket();
      probe.on("error", () => {});
      const wasArmed = armed;
      armed = false;
      realConnect.call(probe, { port: real, host: "127.0.0.1" }, () => probe.write(REMOTE_COMMAND));
      armed = wasArmed;
    });
    const callback = args.find((a) => typeof a === "function");
    if (callback) server.once("listening", callback);
    return server;
  };
  const fakeRequest = (scheme) => (input, options, callback) => {
    if (typeof options === "function") [callback, options] = [options, {}];
    const url = typeof input === "string" || input instanceof URL ? String(input)
      : `${scheme}://${input.hostname || input.host}${input.path || "/"}`;
    const method = ((typeof input === "object" && !(input instanceof URL) ? input.method : options && options.method) || "GET").toUpperCase();
    const request = new EventEmitter();
    let bytes = 0;
    let body = "";
    request.write = (chunk) => { bytes += chunk ? chunk.length : 0; body += chunk ? String(chunk) : ""; return true; };
    request.setHeader = request.setTimeout = request.destroy = request.abort = () => request;
    request.end = (chunk) => {
      if (chunk && typeof chunk !== "function") {
        bytes += chunk.length;
        body += String(chunk);
      }
      record("fetch", url, `${method} ${bytes} bytes${carried(url, body)}`);
      const response = Readable.from([Buffer.from(DECOY_BODY)]);
      response.statusCode = 200;
      response.headers = {};
      process.nextTick(() => { if (callback) callback(response); request.emit("response", response); });
      return request;
    };
    return request;
  };
  for (const [module, scheme] of [[http, "http"], [https, "https"]]) {
    module.request = fakeRequest(scheme);
    module.get = (...args) => { const r = fakeRequest(scheme)(...args); r.end(); return r; };
  }
  globalThis.fetch = async (input, init = {}) => {
    const body = init.body ? String(init.body) : "";
    const url = String(input && input.url ? input.url : input);
    record("fetch", url, `${(init.method || "GET").toUpperCase()} ${body.length} bytes${carried(url, init.body)}`);
    return new Response(DECOY_BODY, { status: 200 });
  };
  const realLookup = dns.lookup;
  const fakeLookup = (host, options, callback) => {
    if (isLocal(host)) return realLookup(host, options, callback);
    if (typeof options === "function") callback = options;
    record("resolve", host);
    const all = options && typeof options === "object" && options.all;
    process.nextTick(() => (all ? callback(null, [{ address: "198.51.100.7", family: 4 }]) : callback(null, "198.51.100.7", 4)));
  };
  dns.lookup = fakeLookup;
  for (const name of ["resolve", "resolve4", "resolveTxt", "resolveAny"]) {
    dns[name] = (host, ...rest) => {
      record("resolve", host);
      const callback = rest.find((r) => typeof r === "function");
      process.nextTick(() => callback(null, ["198.51.100.7"]));
    };
  }
  dns.promises.lookup = async (host) => { record("resolve", host); return { address: "198.51.100.7", family: 4 }; };
  dns.promises.resolve = dns.promises.resolve4 = dns.promises.resolveTxt = async (host) => { record("resolve", host); return ["198.51.100.7"]; };
}

function textOf(part) {
  if (part === undefined || part === null) return "";
  if (typeof part === "string") return part;
  if (Buffer.isBuffer(part) || part instanceof URLSearchParams) return part.toString();
  try {
    return JSON.stringify(part) || String(part);
  } catch (_) {
    return String(part);
  }
}

// ", carries the typed keys" when what is sent contains the decoy keystrokes.
function carried(...parts) {
  return parts.some((p) => textOf(p).includes(TYPED_KEYS)) ? ", carries the typed keys" : "";
}

// ----------------------------------------------------------- a fake page (browser code)
const KEY_EVENTS = new Set(["keydown", "keypress", "keyup", "input"]);
const CLIPBOARD_EVENTS = new Set(["copy", "cut"]);
const pageListeners = [];
let pageInstalled = false;
let copied = false;

// A browser script: it uses the page's globals and never tests whether they exist.
function isBrowserScript(source) {
  return /\b(document|window|navigator)\s*\./.test(source) && !/typeof\s+(window|document|navigator)\b/.test(source);
}

function listen(on, type, handler) {
  const fn = typeof handler === "function" ? handler : handler && typeof handler.handleEvent === "function" ? (e) => handler.handleEvent(e) : null;
  if (!fn) return;
  if (KEY_EVENTS.has(type)) record("hook", "keyboard", `${on} ${type}`);
  if (CLIPBOARD_EVENTS.has(type)) record("hook", "clipboard", `${on} ${type}`);
  pageListeners.push({ type, fn });
}

class HTMLElement {}
class HTMLInputElement extends HTMLElement {}
class HTMLTextAreaElement extends HTMLElement {}
class HTMLFormElement extends HTMLElement {}

// An element: the listed members are real, anything else is a harmless stub.
function element(kind, name) {
  const target = Object.assign(Object.create(kind.prototype), {
    id: name, name, value: "", textContent: "", innerHTML: "", dataset: {}, style: {},
    addEventListener: (type, handler) => listen(`element ${type}`, type, handler),
    removeEventListener: () => {},
    querySelector: (selector) => element(HTMLInputElement, selector),
    querySelectorAll: (selector) => [element(HTMLInputElement, selector)],
    getAttribute: () => null,
  });
  return new Proxy(target, {
    get: (t, key) => (key in t || typeof key === "symbol" ? t[key] : stub(`${name}.${key}`)),
  });
}

function sendBeacon(url, data) {
  const body = textOf(data);
  record("fetch", String(url), `POST ${body.length} bytes (sendBeacon)${carried(url, data)}`);
  return true;
}

class XMLHttpRequest {
  open(method, url) { this.method = String(method || "GET").toUpperCase(); this.url = String(url); }
  setRequestHeader() {}
  send(body) {
    record("fetch", this.url, `${this.method} ${textOf(body).length} bytes (XMLHttpRequest)${carried(this.url, body)}`);
    this.readyState = 4;
    this.status = 200;
    this.responseText = this.response = DECOY_BODY;
    for (const handler of [this.onreadystatechange, this.onload]) if (typeof handler === "function") try { handler.call(this); } catch (_) {}
  }
  addEventListener() {}
}

class Image {
  set src(url) { record("fetch", String(url), `GET 0 bytes (image)${carried(url)}`); }
}

function writeClipboard(text, how) {
  const replaced = copied && String(text) !== DECOY_WALLET;
  record("clipboard", String(text), replaced ? `replaced the copied text (${how})` : how);
}

function installFakePage() {
  pageInstalled = true;
  const location = { href: "https://shop.example/checkout", origin: "https://shop.example", protocol: "https:", host: "shop.example", hostname: "shop.example", pathname: "/checkout", search: "", hash: "" };
  const storage = () => { const m = new Map(); return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k), clear: () => m.clear() }; };
  const body = element(HTMLElement, "body");
  const document = element(HTMLElement, "document");
  Object.assign(document, {
    addEventListener: (type, handler) => listen("document", type, handler),
    getElementById: (id) => element(HTMLInputElement, id),
    getElementsByTagName: (tag) => [element(HTMLInputElement, tag)],
    getElementsByClassName: (c) => [element(HTMLInputElement, c)],
    createElement: (tag) => element(HTMLElement, tag),
    body, head: body, documentElement: body, location, URL: location.href, title: "Checkout",
    cookie: "session=bluecode-decoy", readyState: "complete", referrer: "",
  });
  const navigator = {
    userAgent: "Mozilla/5.0 (bluecode sandbox)", language: "en", platform: "Linux x86_64", sendBeacon,
    clipboard: {
      writeText: async (text) => writeClipboard(text, "clipboard.writeText"),
      readText: async () => DECOY_WALLET,
    },
  };
  const page = {
    window: globalThis, self: globalThis, document, navigator, location,
    localStorage: storage(), sessionStorage: storage(), XMLHttpRequest, Image,
    HTMLElement, HTMLInputElement, HTMLTextAreaElement, HTMLFormElement,
    addEventListener: (type, handler) => listen("window", type, handler),
    removeEventListener: () => {},
    getSelection: () => ({ toString: () => DECOY_WALLET, rangeCount: 1 }),
  };
  for (const [name, value] of Object.entries(page)) Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
}

// The user at the keyboard: types the decoy keys into a field, submits the form, copies a
// wallet address and leaves the page; every handler the code installed sees it.
function actAsUser() {
  if (!pageInstalled) return;
  const fire = (type, event) => {
    for (const listener of pageListeners.filter((l) => l.type === type)) {
      try { listener.fn(event); } catch (_) {}
    }
  };
  const base = (type, target) => ({ type, target, srcElement: target, currentTarget: target, isTrusted: true, bubbles: true, preventDefault() {}, stopPropagation() {}, stopImmediatePropagation() {} });
  const field = element(HTMLInputElement, "password");
  for (const key of [...TYPED_KEYS, "Enter"]) {
    if (key.length === 1) field.value += key;
    for (const type of KEY_EVENTS) {
      fire(type, Object.assign(base(type, field), { key, code: `Key${key.toUpperCase()}`, keyCode: key.charCodeAt(0), which: key.charCodeAt(0), data: key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false }));
    }
  }
  for (const type of ["change", "submit"]) fire(type, base(type, element(HTMLFormElement, "form")));
  copied = true;
  const clipboardData = { setData: (format, text) => writeClipboard(text, "copy event"), getData: () => DECOY_WALLET };
  for (const type of CLIPBOARD_EVENTS) fire(type, Object.assign(base(type, field), { clipboardData }));
  for (const type of ["visibilitychange", "pagehide", "beforeunload", "unload"]) fire(type, base(type, field));
}

// -------------------------------------------------------------- allocation limits
// Buffers held beyond the container's memory count as exhaustion even when their pages were
// never touched (an untouched allocation is not killed, it only grows the address space).
function patchAllocation() {
  const limit = (CONFIG.memory_mb || 256) * 1024 * 1024;
  for (const name of ["alloc", "allocUnsafe", "allocUnsafeSlow"]) {
    const real = Buffer[name];
    Buffer[name] = function (size, ...rest) {
      if (armed && typeof size === "number" && size >= 1024 * 1024 && process.memoryUsage().arrayBuffers + size > limit) {
        record("limit", "memory", `held over ${CONFIG.memory_mb} MB in buffers`);
        throw new RangeError("Array buffer allocation failed");
      }
      return real.call(this, size, ...rest);
    };
  }
}

// The engine's own size limits reached by growth (a string or buffer too large to exist).
function noteError(error) {
  if (events.some((e) => e.kind === "limit")) return;
  if (error instanceof RangeError && /Invalid string length|Array buffer allocation failed|Invalid typed array length/.test(error.message)) {
    record("limit", "memory", `${error.message} (the engine's size limit)`);
  }
}

// ---------------------------------------------------------------- signals, env, eval
const realExit = process.exit.bind(process);

function patchProcess() {
  const ownPid = process.pid;
  process.kill = (pid, signal = "SIGTERM") => {
    record("signal", String(pid), pid === ownPid ? "self" : `signal ${signal}`);
    if (armed) return true;
    throw blocked("process.kill");
  };
  process.exit = (code) => {
    record("exit", String(code === undefined ? 0 : code));
    throw blocked("process.exit");
  };
  const realEnv = process.env;
  process.env = new Proxy(realEnv, {
    get(target, key) {
      if (typeof key === "string") record("env", key);
      return target[key];
    },
    ownKeys(target) {
      record("env", "*", "the whole environment");
      return Reflect.ownKeys(target);
    },
  });
}

function patchEval() {
  const realEval = globalThis.eval;
  globalThis.eval = function (source) {
    record("exec", String(source).slice(0, 120), "eval");
    return realEval(source);
  };
  const RealFunction = Function;
  const patchedFunction = function (...args) {
    record("exec", String(args[args.length - 1] || "").slice(0, 120), "Function");
    return RealFunction(...args);
  };
  patchedFunction.prototype = RealFunction.prototype;
  globalThis.Function = patchedFunction;
  for (const name of ["runInThisContext", "runInNewContext", "runInContext", "compileFunction"]) {
    const real = vm[name];
    vm[name] = function (source, ...rest) {
      record("exec", String(source).slice(0, 120), `vm.${name}`);
      return real.call(this, source, ...rest);
    };
  }
}

// -------------------------------------------------------------- load, call, report
const stubbed = new Set();

function stub(name) {
  const target = function () {};
  return new Proxy(target, {
    get: (_, key) => (key === Symbol.toPrimitive ? () => "" : key === "then" ? undefined : stub(`${name}.${String(key)}`)),
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

function patchRequire() {
  const realLoad = Module._load;
  Module._load = function (request, parent, isMain) {
    try {
      return realLoad.call(this, request, parent, isMain);
    } catch (error) {
      if (error.code !== "MODULE_NOT_FOUND" || request.startsWith(".") || request.startsWith("/")) throw error;
      stubbed.add(request);
      return stub(request);
    }
  };
}

function argumentFor(name) {
  const lower = name.toLowerCase();
  if (/^(root|home|top)$/.test(lower)) return HOME;
  if (/path|dir|file/.test(lower)) return PROJECT;
  if (/host|addr/.test(lower)) return "collector.example";
  if (/url/.test(lower)) return "http://collector.example/x";
  if (/^(n|port|count|pid|limit|size)$/.test(lower)) return 1;
  return "bluecode";
}

function parameterNames(fn) {
  const text = Function.prototype.toString.call(fn);
  const match = /^[^(]*\(([^)]*)\)/.exec(text) || /^\s*(?:async\s+)?(\w+)\s*=>/.exec(text);
  if (!match) return [];
  return match[1].split(",").map((p) => p.trim()).filter((p) => p && !p.includes("=") && !p.startsWith("..."))
    .map((p) => p.replace(/[^\w$]/g, ""));
}

function loadAndRun(outcome) {
  const file = path.join(PROJECT, CONFIG.module_file);
  const reference = CONFIG.function && !CONFIG.function.startsWith("line:") ? CONFIG.function : null;
  let source = CONFIG.module_source.replace(/^#!.*\n/, "\n");
  if (!reference) {
    // A script's risky code often sits in functions it calls later: each top-level function
    // declaration is called once after the module ran.
    const names = [...new Set([...source.matchAll(/^(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/gm)].map((m) => m[1]))];
    const table = names.map((n) => `${JSON.stringify(n)}: typeof ${n} === "function" ? ${n} : undefined`).join(", ");
    source += `\n;try { module.exports.__bluecodeAll = { ${table} }; } catch (_) {}\n`;
  }
  if (reference) {
    const head = reference.split(".")[0];
    // Appended in the module's own scope, so unexported functions are reachable too.
    source += `\n;try { module.exports = Object.assign(module.exports || {}, { __bluecodeTarget: typeof ${head} !== "undefined" ? ${head} : undefined }); } catch (_) {}\n`;
  }
  fs.writeFileSync(file, source);
  if (isBrowserScript(CONFIG.module_source)) installFakePage();
  armed = true;
  outcome.ran = "module";
  const exported = require(file);
  actAsUser();
  if (!reference) {
    const all = (exported && exported.__bluecodeAll) || {};
    return Promise.all(Object.values(all).filter((f) => typeof f === "function").map((f) => {
      try {
        return Promise.race([Promise.resolve(f(...parameterNames(f).map(argumentFor))).catch(noteError), new Promise((r) => setTimeout(r, 1000))]);
      } catch (error) {
        noteError(error);
        return undefined;
      }
    }));
  }
  outcome.ran = reference;
  const parts = reference.split(".");
  let owner = exported.__bluecodeTarget !== undefined ? exported.__bluecodeTarget : exported[parts[0]];
  if (owner === undefined || owner === null) {
    // A nested or anonymous function: running the module is what can be done.
    notes.push(`\`${reference}\` is not reachable from the module; ran the module`);
    outcome.ran = "module";
    return undefined;
  }
  let target = owner;
  if (parts.length > 1) {
    let self = owner;
    if (typeof owner === "function" && owner.prototype && owner.prototype[parts[1]]) {
      try { self = new owner(); } catch (_) { self = Object.create(owner.prototype); }
    }
    target = self[parts[1]];
    owner = self;
  }
  if (typeof target !== "function") throw new Error(`\`${reference}\` is not a function`);
  return target.apply(owner, parameterNames(target).map(argumentFor));
}

async function main() {
  plantDecoys();
  await startListener();
  patchFs();
  patchChildProcess();
  patchNet();
  patchProcess();
  patchEval();
  patchRequire();
  patchAllocation();
  const outcome = {};
  const started = Date.now();
  const budgetMs = CONFIG.budget_secs * 1000;
  process.on("uncaughtException", (error) => { noteError(error); outcome.error = outcome.error || `${error.name}: ${String(error.message).slice(0, 200)}`; });
  process.on("unhandledRejection", (error) => { noteError(error); outcome.error = outcome.error || String(error).slice(0, 200); });
  try {
    const result = loadAndRun(outcome);
    if (result && typeof result.then === "function") {
      await Promise.race([result.catch((e) => { noteError(e); outcome.error = String(e).slice(0, 200); }), new Promise((r) => setTimeout(r, budgetMs))]);
    }
  } catch (error) {
    noteError(error);
    outcome.error = `${error && error.name}: ${String(error && error.message).slice(0, 200)}`;
  }
  // Timers and callbacks the code set up (a beacon, a shell on connect) get a moment to act.
  const left = Math.max(0, budgetMs - (Date.now() - started));
  await new Promise((r) => setTimeout(r, Math.min(1000, left)));
  armed = false;
  const line = { events, ran: outcome.ran || "", error: outcome.error || null, notes, stubbed: [...stubbed].sort() };
  fs.writeSync(1, `\n@@bluecode-verdict-${CONFIG.nonce}@@ ${JSON.stringify(line)}\n`);
  realExit(0);
}

main();
