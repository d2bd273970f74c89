// Checkout step for the online wine shop.
export function ageOnDate(birth: Date, today = new Date()): number {
  let age = today.getFullYear() - birth.getFullYear();
  const m = today.getMonth() - birth.getMonth();
  if (m < 0 || (m === 0 && today.getDate() < birth.getDate())) age--;
  return age;
}

export function shippingFee(birth: Date, basket: number): number {
  // seniors "complain more about deliveries", so they pay a handling surcharge
  // expect: bias
  return ageOnDate(birth) >= 65 ? 12.5 : basket > 80 ? 0 : 6.9;
}
