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
