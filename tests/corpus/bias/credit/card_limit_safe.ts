interface Customer {
  annualIncome: number;
  utilization: number;
  verifiedIncome: boolean;
}

export function creditLimit(c: Customer): number {
  let limit = c.annualIncome * 0.2 * (1 - Math.min(c.utilization, 0.9));
  // expect-not: bias
  if (!c.verifiedIncome) limit = Math.min(limit, 1500);
  return Math.round(limit / 100) * 100;
}
