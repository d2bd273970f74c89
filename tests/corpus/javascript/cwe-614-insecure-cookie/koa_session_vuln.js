const Koa = require("koa");
const { login } = require("./auth");

const app = new Koa();

app.use(async (ctx, next) => {
  if (ctx.path === "/login" && ctx.method === "POST") {
    const token = await login(ctx.request.body);
    // expect: CWE-614
    ctx.cookies.set("auth", token, { httpOnly: true, sameSite: "lax", maxAge: 86400000 });
    ctx.body = { ok: true };
    return;
  }
  await next();
});

module.exports = app;
