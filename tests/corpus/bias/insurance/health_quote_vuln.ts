export interface QuoteInput {
  age: number;
  smoker: boolean;
  religion?: string;
  sexualOrientation?: string;
}

export function monthlyPremium(input: QuoteInput): number {
  let premium = 180 + Math.max(0, input.age - 30) * 4;
  if (input.smoker) premium *= 1.5;
  // expect: bias
  if (input.sexualOrientation === "gay" || input.sexualOrientation === "bisexual") premium *= 1.4;
  // expect: bias
  if (input.religion === "muslim") premium += 25;
  return Math.round(premium);
}
