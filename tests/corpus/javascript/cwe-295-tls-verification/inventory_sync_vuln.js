const https = require("https");
const axios = require("axios");

// The supplier's API uses a certificate our servers "don't like".
const agent = new https.Agent({ rejectUnauthorized: false });

async function pullStock(sku) {
  // expect: CWE-295
  const { data } = await axios.get(`https://api.supplier.example/stock/${encodeURIComponent(sku)}`, { httpsAgent: agent });
  return data.available;
}

module.exports = { pullStock };
