// Checkout step for the online wine shop: the law requires buyers to be of drinking age.
const MINIMUM_AGE: Record<string, number> = { US: 21, CA: 19, GB: 18, DE: 16 };

export function ageOnDate(birth: Date, today = new Date()): number {
  let age = today.getFullYear() - birth.getFullYear();
  const m = today.getMonth() - birth.getMonth();
  if (m < 0 || (m === 0 && today.getDate() < birth.getDate())) age--;
  return age;
}

export function canPurchase(birth: Date, country: string): boolean {
  // expect-not: bias
  return ageOnDate(birth) >= (MINIMUM_AGE[country] ?? 21);
}
