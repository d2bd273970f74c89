import path from "node:path";
import type { Request, Response } from "express";

const AVATARS = path.resolve("public/avatars");

export function avatar(req: Request, res: Response): void {
  const name = path.basename(String(req.params.name));
  // root option: send refuses paths that leave AVATARS; basename already drops directories
  // expect-not: CWE-22
  res.sendFile(name, { root: AVATARS, dotfiles: "deny" });
}
