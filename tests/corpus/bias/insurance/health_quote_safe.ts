export interface QuoteInput {
  age: number;
  smoker: boolean;
}

// Community-rated plan: the price depends on tobacco use and an age band the
// regulator publishes; nothing else about the applicant is considered.
const AGE_BANDS: Array<[number, number]> = [[0, 1.0], [30, 1.2], [45, 1.6], [60, 2.4]];

export function monthlyPremium(input: QuoteInput): number {
  const band = AGE_BANDS.filter(([from]) => input.age >= from).pop()!;
  // expect-not: bias
  let premium = 180 * band[1];
  if (input.smoker) premium *= 1.5;
  return Math.round(premium);
}
