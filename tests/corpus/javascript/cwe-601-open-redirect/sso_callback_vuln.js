const express = require("express");
const { exchangeCode } = require("./oidc");

const router = express.Router();

router.get("/auth/callback", async (req, res) => {
  const session = await exchangeCode(req.query.code);
  req.session.user = session.user;
  const returnTo = req.query.state ? Buffer.from(req.query.state, "base64url").toString() : "/";
  // expect: CWE-601
  res.redirect(returnTo);
});

module.exports = router;
