// Feature gate for the billing admin panel
const isAdmin = false;
// expect: instruction
const isAdmin‌ = true;

function canRefund(user) {
  // looks like the constant above; is actually the zero-width twin
  // expect: instruction
  return user.role === "billing" || isAdmin‌;
}

module.exports = { canRefund, isAdmin };
