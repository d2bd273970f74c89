// Kind `log` (CWE-117, log injection): CR/LF payloads carrying a forged line that starts with
// the marker. Watched: the call's stdout/stderr (console.*), data written with fs
// (appendFile, writeFile, write streams), and loggers the image lacks: a missing `./logger`,
// `log4js` and the like get a plain-text fake (one line per call, as a console transport
// writes), `pino`, `bunyan` and `winston` a JSON one (their default format, which escapes
// line breaks). Confirmed when a line of that text starts with the marker.

function forgedLine(text) {
  const lines = String(text).split(/\r\n|\r|\n/);
  for (const line of lines.slice(1)) if (line.startsWith(MARK)) return line;
  return null;
}

for (const name of ['appendFileSync', 'writeFileSync', 'appendFile', 'writeFile']) {
  const real = fs[name];
  fs[name] = function (file, data, ...rest) {
    if (typeof data === 'string' || Buffer.isBuffer(data)) record('fs.' + name, 'log', String(data));
    return real.call(this, file, data, ...rest);
  };
}
const realCreateWriteStream = fs.createWriteStream;
fs.createWriteStream = function (...args) {
  const stream = realCreateWriteStream.apply(this, args);
  const realWrite = stream.write;
  stream.write = function (chunk, ...rest) {
    record('fs.WriteStream.write', 'log', String(chunk));
    return realWrite.call(this, chunk, ...rest);
  };
  return stream;
};

function fakeLogger(name, json) {
  const levels = ['info', 'warn', 'error', 'debug', 'log', 'trace', 'fatal', 'verbose', 'http', 'silly', 'notice'];
  const logger = {};
  for (const level of levels) {
    logger[level] = (...args) => {
      const message = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      const line = json ? JSON.stringify({ level, msg: message }) : `${level.toUpperCase()} ${message}`;
      record(`${name}.${level}`, 'log', line);
      process.stdout.write(line + '\n');
    };
  }
  logger.child = () => logger;
  logger.createLogger = () => logger;
  logger.getLogger = () => logger;
  logger.configure = () => logger;
  logger.add = () => logger;
  logger.format = makeStub(name + '.format');
  logger.transports = makeStub(name + '.transports');
  logger.default = logger;
  return new Proxy(logger, { apply: () => logger, get: (target, key) => (key in target ? target[key] : makeStub(`${name}.${String(key)}`)) });
}

STUB_HOOKS.push((request) => {
  const base = request.split('/').pop().toLowerCase();
  if (['pino', 'bunyan', 'winston'].includes(base)) return fakeLogger(base, true);
  if (/^(log|logs|logger|logging|log4js|audit|audit-log|auditlog)(\.js)?$/.test(base)) return fakeLogger(base, false);
  return undefined;
});

KINDS.log = {
  needsInput: true,
  reached: (events, output) => Boolean(output.trim()) || events.some((e) => e.kind === 'log'),
  what: 'CR/LF payloads carrying a forged line; watched console, fs writes and loggers',
  payloads: () => [
    `alice\n${MARK} INFO user admin logged in`,
    `alice\r\n${MARK} INFO user admin logged in`,
  ],
  judge(result, error, output) {
    for (const event of state.events) {
      if (event.kind !== 'log') continue;
      const line = forgedLine(event.call);
      if (line) return [event.sink, event.call.slice(0, 500), `a forged line \`${line.slice(0, 120)}\` was written`];
    }
    const line = forgedLine(output);
    if (line) return ['console', output.slice(0, 500), `a forged line \`${line.slice(0, 120)}\` appeared in the output`];
    return null;
  },
};
