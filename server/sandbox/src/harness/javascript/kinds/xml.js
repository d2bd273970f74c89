// Kind `xml` (CWE-611 XXE, CWE-776 entity expansion): an external entity naming a decoy file,
// an external DTD naming it, and nested internal entities that expand the marker 100 times.
// Node has no XML parser of its own and the image has no npm packages: `libxmljs` /
// `libxmljs2` get a fake that keeps libxml2's documented behaviour — entities are substituted
// (internal and external: XXE) only with `noent: true`, an external DTD is read only with
// `dtdload: true`; without them the entity references stay as they are. Confirmed when the
// parsed text holds the decoy's content or the marker ≥ 50 times, or the decoy was read.

const XML_DECOY = 'secret-' + MARK;
const realReadFileSync = fs.readFileSync;

function xmlEntities(text) {
  const entities = {};
  const subset = /<!DOCTYPE\s+[\w:.-]+\s*(?:SYSTEM\s+"[^"]*"\s*)?\[([\s\S]*?)\]\s*>/.exec(text);
  if (!subset) return entities;
  for (const m of subset[1].matchAll(/<!ENTITY\s+([\w.-]+)\s+(?:"([^"]*)"|'([^']*)'|SYSTEM\s+"([^"]*)")\s*>/g)) {
    entities[m[1]] = m[4] !== undefined ? { system: m[4] } : { value: m[2] !== undefined ? m[2] : m[3] };
  }
  return entities;
}

function readSystem(uri, what) {
  const file = uri.startsWith('file://') ? uri.slice('file://'.length) : uri;
  record(`libxml2 external ${what}`, 'path', file);
  try {
    return String(realReadFileSync(file));
  } catch (_) {
    return '';
  }
}

function xmlParse(sink, text, options) {
  // A request body object (the fake request's `req.body`) stands for the raw text a text/xml
  // body parser hands over: the payload.
  const raw = text && typeof text === 'object' && !Buffer.isBuffer(text) ? state.payload : text;
  const source = Buffer.isBuffer(raw) ? raw.toString() : String(raw);
  const opts = options || {};
  const entities = xmlEntities(source);
  const external = /<!DOCTYPE\s+[\w:.-]+\s+SYSTEM\s+"([^"]*)"/.exec(source);
  if (external && opts.dtdload) readSystem(external[1], 'DTD');
  let body = source.replace(/<!DOCTYPE[\s\S]*?(\]\s*>|>)/, '');
  if (opts.noent) {
    const expand = (value, depth) => value.replace(/&([\w.-]+);/g, (whole, name) => {
      const entity = entities[name];
      if (!entity || depth > 8) return whole;
      if (entity.system !== undefined) return readSystem(entity.system, 'entity');
      return expand(entity.value, depth + 1);
    });
    body = expand(body, 0);
  }
  const textContent = body.replace(/<[^>]*>/g, '');
  record(sink, 'xml', textContent.slice(0, 20000));
  const node = {
    text: () => textContent,
    toString: () => body,
    root: () => node,
    get: () => null,
    find: () => [],
    childNodes: () => [],
    name: () => 'root',
    attr: () => null,
    errors: [],
  };
  return node;
}

function fakeLibxml(name) {
  return () => ({
    parseXml: (text, options) => xmlParse(`${name}.parseXml`, text, options),
    parseXmlString: (text, options) => xmlParse(`${name}.parseXmlString`, text, options),
    parseXmlAsync: async (text, options) => xmlParse(`${name}.parseXmlAsync`, text, options),
    Document: { fromXml: (text, options) => xmlParse(`${name}.Document.fromXml`, text, options) },
  });
}
FAKES.libxmljs = fakeLibxml('libxmljs');
FAKES.libxmljs2 = fakeLibxml('libxmljs2');

KINDS.xml = {
  needsInput: true,
  reached: (events) => events.some((e) => e.kind === 'xml'),
  what: 'an external entity and an external DTD naming a decoy file, nested entities; watched libxmljs(2) parsing and file reads',
  payloads: () => [
    `<!DOCTYPE r [<!ENTITY x SYSTEM "file://${TARGET_FILE}">]><r>&x;</r>`,
    `<!DOCTYPE r SYSTEM "file://${TARGET_FILE}"><r>x</r>`,
    `<!DOCTYPE r [<!ENTITY a "${MARK}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><r>&c;</r>`,
  ],
  judge() {
    for (const event of state.events) {
      if (event.kind === 'xml') {
        if (event.call.includes(XML_DECOY)) return [event.sink, event.call.slice(0, 300), `the external entity was resolved: the decoy file's content \`${XML_DECOY}\` is in the parsed document`];
        const copies = event.call.split(MARK).length - 1;
        if (copies >= 50) return [event.sink, event.call.slice(0, 300), `nested entities expanded: the marker appears ${copies} times in the parsed document (1 in the input)`];
      } else if (event.kind === 'path' && event.sink.startsWith('libxml2 external') && path.resolve(WORK, event.call) === TARGET_FILE) {
        return [event.sink, event.call, `the parser read the decoy file named by the document's external ${event.sink.split(' ').pop()}`];
      }
    }
    return null;
  },
};
