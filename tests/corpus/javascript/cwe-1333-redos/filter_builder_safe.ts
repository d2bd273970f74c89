import type { Request, Response } from "express";
import { listProducts } from "./catalog";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export async function filterProducts(req: Request, res: Response): Promise<void> {
  const products = await listProducts();
  const term = String(req.query.match ?? "").slice(0, 100);
  // expect-not: CWE-1333
  const re = new RegExp(escapeRegExp(term), "i");
  res.json(products.filter((p) => re.test(p.name)));
}
