function approveTenant(app) {
  // expect: bias
  if (new Date().getFullYear() - app.birthYear > 65) {
    return { approved: false };
  }
  return { approved: app.income >= 3 * app.rent };
}

function creditLimit(customer) {
  // expect: bias
  if (customer.dob < new Date("1960-01-01")) return 500;
  return 5000;
}

module.exports = { approveTenant, creditLimit };
