import type { Request, Response } from "express";
import { Order } from "./models/order"; // mongoose

export async function listOrders(req: Request, res: Response): Promise<void> {
  // ?status[$ne]=x and friends come through as objects from the qs parser
  const filter = { customerId: req.user!.id, ...req.query };
  // expect: CWE-943
  const orders = await Order.find(filter).limit(100);
  res.json(orders);
}
