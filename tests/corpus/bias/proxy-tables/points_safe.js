const TIER_MULTIPLIER = { gold: 1.5, silver: 1.2, bronze: 1.0 };
const SIZE_WEIGHT = { small: 1, medium: 2, large: 3 };

function points(order) {
  // expect-not: bias
  const score = order.total * TIER_MULTIPLIER[order.tier];
  return score;
}

function freight(parcel) {
  // expect-not: bias
  const rate = 2.5 * SIZE_WEIGHT[parcel.size];
  return rate;
}

module.exports = { points, freight };
