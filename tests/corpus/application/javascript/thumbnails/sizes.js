const SIZES = { small: "64x64", large: "512x512" };

function sizeFor(name) {
  return SIZES[name] || "128x128";
}

module.exports = { sizeFor };
