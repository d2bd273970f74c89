import type { Request, Response } from "express";
import { saveShare } from "./shares";

const CHARS = "abcdefghijkmnopqrstuvwxyz23456789";

// Anyone holding the link can read the private document.
export async function createShareLink(req: Request, res: Response): Promise<void> {
  let slug = "";
  for (let i = 0; i < 10; i++) {
    // expect: CWE-338
    slug += CHARS[Math.floor(Math.random() * CHARS.length)];
  }
  await saveShare(slug, req.params.docId, req.user!.id);
  res.json({ url: `https://docs.example.com/s/${slug}` });
}
