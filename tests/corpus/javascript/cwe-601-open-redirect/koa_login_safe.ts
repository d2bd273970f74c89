import Router from "@koa/router";

export const router = new Router();
const ORIGIN = "https://shop.example.com";

router.get("/go", (ctx) => {
  const target = new URL(String(ctx.query.to ?? "/"), ORIGIN);
  if (target.origin !== ORIGIN) {
    ctx.throw(400, "relative paths only");
  }
  // "/.//evil.example" normalises to a pathname starting with "//"; collapse leading slashes
  const local = target.pathname.replace(/^\/+/, "/") + target.search;
  // expect-not: CWE-601
  ctx.redirect(local);
});
