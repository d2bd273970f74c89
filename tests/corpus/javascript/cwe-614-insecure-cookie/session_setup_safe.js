const express = require("express");
const session = require("express-session");
const RedisStore = require("connect-redis").default;
const { client } = require("./redis");

const app = express();
app.set("trust proxy", 1);
app.use(
  session({
    store: new RedisStore({ client }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    // expect-not: CWE-614
    cookie: { secure: true, httpOnly: true, sameSite: "lax", maxAge: 7 * 24 * 3600 * 1000 },
  })
);

module.exports = app;
