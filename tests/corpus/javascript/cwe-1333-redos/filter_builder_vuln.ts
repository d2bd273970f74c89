import type { Request, Response } from "express";
import { listProducts } from "./catalog";

export async function filterProducts(req: Request, res: Response): Promise<void> {
  const products = await listProducts();
  // "advanced search" lets users type a regular expression
  // expect: CWE-1333
  const re = new RegExp(String(req.query.match ?? ".*"), "i");
  res.json(products.filter((p) => re.test(p.name)));
}
