// Wallet page: "copy address" button for the user's own receiving address.
document.querySelectorAll("[data-copy-address]").forEach((button) => {
  button.addEventListener("click", async () => {
    const address = button.dataset.copyAddress;
    // expect-not: malicious
    await navigator.clipboard.writeText(address);
    button.textContent = "Copied";
  });
});
