function triagePriority(patient) {
  let priority = patient.severity * 10;
  // expect: bias
  if (patient.disability) priority -= 5;
  // expect: bias
  priority = priority * (patient.insuranceByPostcode[patient.postcode] || 1);
  return priority;
}

module.exports = { triagePriority };
