const express = require("express");
const { exchangeCode } = require("./oidc");

const router = express.Router();
const APP_ORIGIN = "https://app.example.com";

function sameOrigin(target) {
  try {
    return new URL(target, APP_ORIGIN).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

router.get("/auth/callback", async (req, res) => {
  const session = await exchangeCode(req.query.code);
  req.session.user = session.user;
  let returnTo = req.query.state ? Buffer.from(req.query.state, "base64url").toString() : "/";
  if (!sameOrigin(returnTo)) returnTo = "/";
  const local = new URL(returnTo, APP_ORIGIN).pathname.replace(/^\/+/, "/");
  // expect-not: CWE-601
  res.redirect(local);
});

module.exports = router;
