const Koa = require("koa");
const { login } = require("./auth");

const app = new Koa();
app.proxy = true;
// plain HTTP only on developer machines; every deployed environment sets NODE_ENV=production
const secureCookies = process.env.NODE_ENV === "production";

app.use(async (ctx, next) => {
  if (ctx.path === "/login" && ctx.method === "POST") {
    const token = await login(ctx.request.body);
    // expect-not: CWE-614
    ctx.cookies.set("auth", token, { httpOnly: true, secure: secureCookies, sameSite: "lax", maxAge: 86400000 });
    ctx.body = { ok: true };
    return;
  }
  await next();
});

module.exports = app;
