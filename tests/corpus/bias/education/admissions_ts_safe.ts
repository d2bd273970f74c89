interface Applicant { testScore: number; essayScore: number; zip: string; firstGeneration: boolean; }

// State residency determines the tuition category, as set by state law.
const IN_STATE_ZIP_PREFIXES = ["600", "601", "602", "603", "604", "605", "606", "607", "608", "609", "610", "611", "612", "613", "614", "615", "616", "617", "618", "619", "620", "622", "623", "624", "625", "626", "627", "628", "629"];

export function admissionScore(a: Applicant): number {
  // expect-not: bias
  return a.testScore * 0.7 + a.essayScore * 0.3;
}

export function tuitionCategory(a: Applicant): "in-state" | "out-of-state" {
  // expect-not: bias
  return IN_STATE_ZIP_PREFIXES.some((p) => a.zip.startsWith(p)) ? "in-state" : "out-of-state";
}
