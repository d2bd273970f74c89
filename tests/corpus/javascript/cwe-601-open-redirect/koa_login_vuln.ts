import Router from "@koa/router";

export const router = new Router();

router.get("/go", (ctx) => {
  const to = String(ctx.query.to ?? "/");
  // startsWith("/") still accepts "//evil.example" and "/\\evil.example"
  if (!to.startsWith("/")) {
    ctx.throw(400, "relative paths only");
  }
  // expect: CWE-601
  ctx.redirect(to);
});
