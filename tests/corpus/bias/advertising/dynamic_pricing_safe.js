// Travel site: adjusts the displayed hotel price and room list per visitor.
function displayedPrice(basePrice, visitor, nightsAhead) {
  let price = basePrice;
  // expect-not: bias
  if (nightsAhead > 60) price *= 0.92; // early-booking discount for everyone
  return Math.round(price * 100) / 100;
}

function roomFilter(rooms, visitor) {
  // the visitor ticked "show accessible rooms first" in their own settings
  // expect-not: bias
  if (visitor.preferences.accessibleRoomsFirst) return [...rooms].sort((a, b) => Number(b.stepFree) - Number(a.stepFree));
  return rooms;
}

module.exports = { displayedPrice, roomFilter };
