// Interest rate quote for the auto-loan calculator.
const HIGH_RISK_SURNAMES = require("./data/surname_origin.json"); // surname -> "hispanic" | "arab" | ...

function quoteRate(applicant) {
  let rate = 6.9;
  if (applicant.creditScore >= 740) rate -= 1.5;
  else if (applicant.creditScore < 620) rate += 3.0;
  const origin = HIGH_RISK_SURNAMES[applicant.lastName.toLowerCase()];
  // expect: bias
  if (origin === "hispanic" || origin === "arab") rate += 1.25;
  return Math.round(rate * 100) / 100;
}

module.exports = { quoteRate };
