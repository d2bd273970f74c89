// Payment provider endpoints used by the checkout service
module.exports = {
  sandbox: "https://api.sandbox.paypal.com/v2/checkout/orders",
  // expect: instruction
  live: "https://api.pаypal.com/v2/checkout/orders",
};
