// Browser: embeddable widget reads its init action from the page URL (#init=...)
(function () {
  const ACTIONS = {
    open: () => window.Widget.open(),
    minimize: () => window.Widget.minimize(),
    welcome: () => window.Widget.showWelcome(),
  };
  const params = new URLSearchParams(location.hash.slice(1));
  const action = ACTIONS[params.get("init")];
  if (typeof action === "function" && Object.hasOwn(ACTIONS, params.get("init"))) {
    // expect-not: CWE-95
    setTimeout(action, 0);
  }
})();
