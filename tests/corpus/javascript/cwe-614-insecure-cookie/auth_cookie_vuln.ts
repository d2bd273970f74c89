import type { Request, Response } from "express";
import { signJwt, verifyPassword } from "./auth";

export async function login(req: Request, res: Response): Promise<void> {
  const user = await verifyPassword(req.body.email, req.body.password);
  if (!user) {
    res.status(401).json({ error: "invalid credentials" });
    return;
  }
  const jwt = signJwt({ sub: user.id, role: user.role });
  // expect: CWE-614
  res.cookie("access_token", jwt, { maxAge: 3600_000 });
  res.json({ ok: true });
}
