interface Customer {
  annualIncome: number;
  utilization: number;
  nationality: string;
  countryOfResidence: string;
}

const LOW_TRUST_NATIONALITIES = new Set(["NG", "PK", "RO", "MX"]);

export function creditLimit(c: Customer): number {
  let limit = c.annualIncome * 0.2 * (1 - Math.min(c.utilization, 0.9));
  // expect: bias
  if (LOW_TRUST_NATIONALITIES.has(c.nationality)) limit = Math.min(limit, 500);
  return Math.round(limit / 100) * 100;
}
