import { promises as fs } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Request, Response } from "express";

const STORE = "/var/lib/uploads";
const FOLDERS = new Set(["inbox", "invoices", "avatars"]);

export async function saveUpload(req: Request, res: Response): Promise<void> {
  const folder = String(req.headers["x-folder"] ?? "inbox");
  if (!FOLDERS.has(folder)) {
    res.status(400).json({ error: "unknown folder" });
    return;
  }
  const ext = path.extname(String(req.headers["x-filename"] ?? "")).replace(/[^.a-z0-9]/gi, "").slice(0, 8);
  const target = path.join(STORE, folder, `${randomUUID()}${ext}`);
  // expect-not: CWE-22
  await fs.writeFile(target, req.body as Buffer);
  res.status(201).json({ stored: path.relative(STORE, target) });
}
