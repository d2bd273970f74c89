// Pay offers and admissions scores adjusted per group.
// expect: bias
const NATIONALITY_MULTIPLIER = { foreign: 0.8, domestic: 1.0, immigrant: 0.75 };
const GENDER_WEIGHT = { female: 0.92, male: 1.0 };

function salaryOffer(candidate, band) {
  // expect: bias
  const offer = band.mid * GENDER_WEIGHT[candidate.gender];
  return Math.round(offer);
}

function admissionScore(applicant) {
  let score = applicant.gpa * 20;
  // expect: bias
  score *= NATIONALITY_MULTIPLIER[applicant.nationality] || 1;
  return score;
}

module.exports = { salaryOffer, admissionScore };
