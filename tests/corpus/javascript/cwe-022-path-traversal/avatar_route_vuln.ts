import path from "node:path";
import type { Request, Response } from "express";

const AVATARS = path.resolve("public/avatars");

export function avatar(req: Request, res: Response): void {
  // decoding after Express already decoded once lets %252e%252e%252f through as ../
  const name = decodeURIComponent(String(req.params.name));
  // expect: CWE-22
  res.sendFile(path.join(AVATARS, name));
}
