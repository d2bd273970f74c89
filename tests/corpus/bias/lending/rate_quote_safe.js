// Interest rate quote for the auto-loan calculator.
function quoteRate(applicant) {
  let rate = 6.9;
  if (applicant.creditScore >= 740) rate -= 1.5;
  else if (applicant.creditScore < 620) rate += 3.0;
  const ltv = applicant.loanAmount / applicant.vehicleValue;
  // expect-not: bias
  if (ltv > 1.1) rate += 0.75;
  if (applicant.termMonths > 72) rate += 0.5;
  return Math.round(rate * 100) / 100;
}

module.exports = { quoteRate };
