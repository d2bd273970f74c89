const fs = require("fs");
const https = require("https");
const axios = require("axios");

// The supplier's API uses a certificate from their private CA; trust exactly that CA.
const agent = new https.Agent({ ca: fs.readFileSync("/etc/ssl/supplier-ca.pem"), rejectUnauthorized: true });

async function pullStock(sku) {
  // expect-not: CWE-295
  const { data } = await axios.get(`https://api.supplier.example/stock/${encodeURIComponent(sku)}`, { httpsAgent: agent });
  return data.available;
}

module.exports = { pullStock };
