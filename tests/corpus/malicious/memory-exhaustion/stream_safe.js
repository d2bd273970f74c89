async function collect(stream) {
  const parts = [];
  // expect-not: malicious
  while (true) {
    const { value, done } = await stream.read();
    if (done) break;
    parts.push(Buffer.from(value));
  }
  return Buffer.concat(parts);
}

function pad(s) {
  // expect-not: malicious
  return s + " ".repeat(Math.max(0, 20 - s.length));
}

module.exports = { collect, pad };
