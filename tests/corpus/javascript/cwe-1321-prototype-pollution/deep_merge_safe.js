// Merge user-saved dashboard settings over the defaults.
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN.has(key)) continue;
    if (source[key] && typeof source[key] === "object") {
      if (!Object.hasOwn(target, key)) target[key] = Object.create(null);
      deepMerge(target[key], source[key]);
    } else {
      // expect-not: CWE-1321
      target[key] = source[key];
    }
  }
  return target;
}

function settingsFor(req, defaults) {
  return deepMerge(structuredClone(defaults), JSON.parse(req.body.settings || "{}"));
}

module.exports = { deepMerge, settingsFor };
