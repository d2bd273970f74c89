// Browser: embeddable widget reads its init callback from the page URL (#init=...)
(function () {
  const params = new URLSearchParams(location.hash.slice(1));
  const init = params.get("init");
  if (init) {
    // a string passed to setTimeout is compiled and run like eval
    // expect: CWE-95
    setTimeout(init, 0);
  }
})();
