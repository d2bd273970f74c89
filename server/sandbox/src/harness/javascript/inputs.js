// Part 3 of the JavaScript harness: canary payloads and argument values.

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
    ['xss', `javascript:${MARK}()`],
    ['ssrf', `http://${MARK}.invalid/`],
    ['ssrf', `${MARK}.invalid`],
  ];
}

// ------------------------------------------------------------------ the kinds registry

// One attack the harness can try: `payloads()` lists payloads fed to each input in turn,
// `judge(result, error, output)` returns [sink, call] or [sink, call, whatHappened] on proof;
// a kind with `drive(ctx, kind)` runs its own calls (timings, reseeding); `needsInput: false`
// kinds run when the function takes no input. Kinds listed in the Rust registry
// (harness/kinds.rs) live in kinds/NAME.js and register here; CONFIG.kinds picks them.
const KINDS = {};
const CORE_WHAT = {
  command: 'shell metacharacters running `touch MARKER`; watched child_process',
  sql: 'quote-breaking SQL with a bare marker token; watched driver/ORM SQL text',
  code: 'expressions calling a canary; watched eval, Function, vm',
  path: '../ traversal and an absolute decoy path; watched fs',
  deserialization: 'node-serialize function payloads calling a canary',
  template: 'template syntax with a marker; watched template sources',
  xss: '<script> and javascript: payloads; watched sent and returned HTML',
  ssrf: 'URLs and hosts of a marker domain; watched http(s), fetch and HTTP clients',
};
// Original kinds whose sink is recorded for safe code too (see the Python harness): a run in
// which no call reached it is `sink_not_reached`, not refuted.
const REACH_RECORDED = ['command', 'sql', 'path', 'ssrf', 'template'];
for (const name of Object.keys(CORE_WHAT)) {
  KINDS[name] = {
    payloads: () => payloads().filter(([kind]) => kind === name).map(([, payload]) => payload),
    judge: (result) => judge(name, result),
    what: CORE_WHAT[name],
    needsInput: true,
    reached: REACH_RECORDED.includes(name) ? (events) => events.some((e) => e.kind === name) : undefined,
  };
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
    // The content type decides whether a body is HTML: JSON and plain text carry user
    // text as data, so the XSS check skips them.
    set(name, value) { if (/content-type/i.test(String(name))) state.contentType = String(value); return response; },
    setHeader(name, value) { return response.set(name, value); },
    type(value) { state.contentType = String(value); return response; },
    contentType(value) { state.contentType = String(value); return response; },
    send(body) { state.sent.push(String(body)); return response; },
    write(body) { state.sent.push(String(body)); return true; },
    end(body) { if (body !== undefined) state.sent.push(String(body)); return response; },
    json() { state.contentType = 'application/json'; return response; },
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
