import { execSync } from "node:child_process";
import type { Request, Response } from "express";

const REPO = process.env.REPO_PATH ?? "/srv/repos/main";

export function blameHandler(req: Request, res: Response): void {
  const file = String(req.query.file ?? "");
  const rev = String(req.query.rev ?? "HEAD");
  try {
    // expect: CWE-78
    const out = execSync(`git -C ${REPO} blame --porcelain ${rev} -- ${file}`, { encoding: "utf8", maxBuffer: 8 << 20 });
    res.type("text/plain").send(out);
  } catch {
    res.status(404).send("not found");
  }
}
