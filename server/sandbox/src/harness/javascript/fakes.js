// Part 2 of the JavaScript harness (parts are concatenated in order; see prelude.js):
// stubs for missing packages and fakes that keep their sink semantics.

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
      // What the code hands to a stubbed module (a code to an SMS gateway) is part of
      // what it produced.
      if (state.armed) {
        try {
          record(name, 'stubcall', JSON.stringify(args).slice(0, 300));
        } catch (_) {
          record(name, 'stubcall', String(args.length));
        }
      }
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
  'escape-html': () => escapeExpression,
  'lodash.escape': () => escapeExpression,
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

const STUB_HOOKS = [];
const realLoad = Module._load;
Module._load = function (request, parent, isMain) {
  try {
    return realLoad.call(this, request, parent, isMain);
  } catch (error) {
    // Missing packages and missing sibling files of the module (./mailing) become stubs.
    const stubbable = !request.startsWith('/') && !request.startsWith('node:');
    if (error && error.code === 'MODULE_NOT_FOUND' && stubbable && String(error.message).includes(`'${request}'`)) {
      stubbed.add(request);
      if (FAKES[request]) return FAKES[request]();
      // Kinds may serve fakes for families of missing modules (loggers, say).
      for (const hook of STUB_HOOKS) {
        const fake = hook(request);
        if (fake !== undefined) return fake;
      }
      return makeStub(request);
    }
    throw error;
  }
};
