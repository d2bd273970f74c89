import { execFileSync } from "node:child_process";
import type { Request, Response } from "express";

const REPO = process.env.REPO_PATH ?? "/srv/repos/main";
const REV = /^[0-9a-f]{7,40}$|^HEAD$/;

export function blameHandler(req: Request, res: Response): void {
  const file = String(req.query.file ?? "");
  const rev = String(req.query.rev ?? "HEAD");
  if (!REV.test(rev)) {
    res.status(400).send("bad revision");
    return;
  }
  try {
    // no shell; "--" keeps the file name from being read as an option
    // expect-not: CWE-78
    const out = execFileSync("git", ["-C", REPO, "blame", "--porcelain", rev, "--", file], { encoding: "utf8", maxBuffer: 8 << 20 });
    res.type("text/plain").send(out);
  } catch {
    res.status(404).send("not found");
  }
}
