import type { Request, Response, NextFunction } from "express";

const CONTROL = /[\u0000-\u001f\u007f]/g;

export function auditSearch(req: Request, _res: Response, next: NextFunction): void {
  const q = String(req.query.q ?? "").replace(CONTROL, " ").slice(0, 200);
  // expect-not: CWE-117
  console.log("[audit] user=" + (req.user?.email ?? "anon") + " searched for: " + q);
  next();
}
