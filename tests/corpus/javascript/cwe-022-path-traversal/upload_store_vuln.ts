import { promises as fs } from "node:fs";
import path from "node:path";
import type { Request, Response } from "express";

const STORE = "/var/lib/uploads";

export async function saveUpload(req: Request, res: Response): Promise<void> {
  const folder = String(req.headers["x-folder"] ?? "inbox");
  const name = String(req.headers["x-filename"] ?? "upload.bin");
  const target = path.join(STORE, folder, name);
  await fs.mkdir(path.dirname(target), { recursive: true });
  // expect: CWE-22
  await fs.writeFile(target, req.body as Buffer);
  res.status(201).json({ stored: path.relative(STORE, target) });
}
