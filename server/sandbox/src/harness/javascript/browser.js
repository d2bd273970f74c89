// Part 4 of the JavaScript harness: a minimal browser (window, document, location, storage)
// for client-side modules. Installed only when loading the module fails on a missing
// browser global. Every URL part of `location` carries the payload under the usual
// parameter names; HTML sinks (innerHTML, outerHTML, insertAdjacentHTML, document.write,
// on* attributes) are recorded as `xss` events.

const BROWSER_GLOBALS = ['window', 'document', 'location', 'navigator', 'localStorage', 'sessionStorage', 'history'];
const QUERY_NAMES = ['q', 'query', 'search', 'term', 'name', 'id', 's', 'text', 'message', 'msg', 'url', 'next', 'redirect', 'page', 'user'];
let browserInstalled = false;

function payloadQuery() {
  const value = encodeURIComponent(state.payload === null ? 'alice' : String(state.payload));
  return QUERY_NAMES.map((name) => `${name}=${value}`).join('&');
}

function fakeElement(tag) {
  const element = {
    tagName: String(tag).toUpperCase(),
    style: {},
    dataset: {},
    classList: { add() {}, remove() {}, toggle() {}, contains: () => false },
    setAttribute(name, value) {
      if (/^on/i.test(String(name)) || name === 'srcdoc') record(`element.setAttribute(${name})`, 'xss', value);
    },
    getAttribute: () => null,
    appendChild: (child) => child,
    append() {},
    prepend() {},
    remove() {},
    addEventListener(_, listener) { if (typeof listener === 'function') registered.push(listener); },
    removeEventListener() {},
    insertAdjacentHTML(_, html) { record('element.insertAdjacentHTML', 'xss', html); },
    querySelector: () => fakeElement('div'),
    querySelectorAll: () => [],
  };
  for (const property of ['innerHTML', 'outerHTML']) {
    Object.defineProperty(element, property, { set(value) { record(`element.${property}`, 'xss', value); }, get: () => '' });
  }
  for (const property of ['textContent', 'innerText', 'value']) {
    let text = '';
    Object.defineProperty(element, property, { set(value) { text = String(value); }, get: () => text });
  }
  return element;
}

function fakeStorage() {
  return { getItem: () => state.payload, setItem() {}, removeItem() {}, clear() {} };
}

function installBrowser() {
  if (browserInstalled) return;
  browserInstalled = true;
  const location = {
    get hash() { return '#' + payloadQuery(); },
    get search() { return '?' + payloadQuery(); },
    get href() { return 'https://app.example/page?' + payloadQuery(); },
    pathname: '/page',
    origin: 'https://app.example',
    host: 'app.example',
    hostname: 'app.example',
    protocol: 'https:',
    assign() {},
    replace() {},
    reload() {},
  };
  const document = {
    location,
    cookie: '',
    title: '',
    body: fakeElement('body'),
    head: fakeElement('head'),
    documentElement: fakeElement('html'),
    getElementById: () => fakeElement('div'),
    getElementsByClassName: () => [],
    getElementsByTagName: () => [],
    querySelector: () => fakeElement('div'),
    querySelectorAll: () => [],
    createElement: (tag) => fakeElement(tag),
    createTextNode: (text) => ({ textContent: String(text) }),
    write(html) { record('document.write', 'xss', html); },
    writeln(html) { record('document.writeln', 'xss', html); },
    addEventListener(_, listener) { if (typeof listener === 'function') registered.push(listener); },
    removeEventListener() {},
  };
  const window = {
    location,
    document,
    navigator: { userAgent: 'bluecode-sandbox', language: 'en' },
    history: { pushState() {}, replaceState() {}, back() {} },
    localStorage: fakeStorage(),
    sessionStorage: fakeStorage(),
    addEventListener(_, listener) { if (typeof listener === 'function') registered.push(listener); },
    removeEventListener() {},
    setTimeout,
    clearTimeout,
  };
  window.window = window;
  Object.assign(globalThis, window);
}

// Loads the module, installing the browser and retrying when it needs a browser global.
function requireWithBrowser(file) {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      return require(file);
    } catch (error) {
      const missing = /^(\w+) is not defined$/.exec(String(error && error.message));
      if (!(error instanceof ReferenceError) || !missing || !BROWSER_GLOBALS.includes(missing[1]) || browserInstalled) throw error;
      installBrowser();
      delete require.cache[file];
    }
  }
  return require(file);
}
