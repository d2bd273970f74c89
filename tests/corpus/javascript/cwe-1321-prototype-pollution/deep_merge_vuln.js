// Merge user-saved dashboard settings over the defaults.
function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (source[key] && typeof source[key] === "object") {
      if (!target[key]) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      // key "__proto__" walks into Object.prototype
      // expect: CWE-1321
      target[key] = source[key];
    }
  }
  return target;
}

function settingsFor(req, defaults) {
  return deepMerge(structuredClone(defaults), JSON.parse(req.body.settings || "{}"));
}

module.exports = { deepMerge, settingsFor };
