// UI strings for the checkout page. RTL locales are plain Arabic/Hebrew text;
// direction is set by <html dir="rtl">, no control characters are embedded.
const MESSAGES = {
  en: { pay: "Pay now", total: "Total", back: "Back to cart" },
  // expect-not: instruction
  ar: { pay: "ادفع الآن", total: "المجموع", back: "العودة إلى السلة" },
  // expect-not: instruction
  he: { pay: "שלם עכשיו", total: "סה״כ", back: "חזרה לעגלה" },
  fa: { pay: "اکنون پرداخت کنید", total: "جمع کل", back: "بازگشت به سبد خرید" },
};

function t(locale, key) {
  return (MESSAGES[locale] || MESSAGES.en)[key] || MESSAGES.en[key];
}

module.exports = { MESSAGES, t };
