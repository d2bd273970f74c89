import { createHash } from "node:crypto";
import type { Request, Response, NextFunction } from "express";

// Signs the session id so the client cannot swap it: sig = md5(secret + sid)
export function signSession(sid: string, secret: string): string {
  // expect: CWE-328
  return sid + "." + createHash("md5").update(secret + sid).digest("hex");
}

export function verifySession(req: Request, res: Response, next: NextFunction): void {
  const [sid, sig] = String(req.cookies?.sid ?? "").split(".");
  if (!sid || signSession(sid, process.env.SESSION_SECRET ?? "") !== `${sid}.${sig}`) {
    res.status(401).end();
    return;
  }
  next();
}
