interface Applicant { testScore: number; essayScore: number; zip: string; maritalStatus: "single" | "married" | "divorced"; }

// ZIP codes of the historically segregated south-side neighbourhoods
const FLAGGED_ZIPS = new Set(["60621", "60636", "60609", "60620"]);

export function admissionScore(a: Applicant): number {
  let score = a.testScore * 0.7 + a.essayScore * 0.3;
  // expect: bias
  if (FLAGGED_ZIPS.has(a.zip)) score -= 8;
  // expect: bias
  if (a.maritalStatus !== "single") score -= 5;
  return score;
}
