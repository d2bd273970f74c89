import type { Request, Response, NextFunction } from "express";

export function auditSearch(req: Request, _res: Response, next: NextFunction): void {
  const q = String(req.query.q ?? "");
  // expect: CWE-117
  console.log("[audit] user=" + (req.user?.email ?? "anon") + " searched for: " + q);
  next();
}
