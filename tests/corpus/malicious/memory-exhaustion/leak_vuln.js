function leak() {
  const hold = [];
  // expect: malicious
  while (true) {
    hold.push(Buffer.alloc(64 * 1024 * 1024));
  }
}

function strings() {
  let s = "";
  // expect: malicious
  for (;;) {
    s += "A".repeat(1e7);
  }
}

module.exports = { leak, strings };
