import type { Request, Response } from "express";
import mongoSanitize from "express-mongo-sanitize";
import { Order } from "./models/order"; // mongoose

const STATUSES = new Set(["open", "shipped", "cancelled"]);

export async function listOrders(req: Request, res: Response): Promise<void> {
  const status = typeof req.query.status === "string" && STATUSES.has(req.query.status) ? req.query.status : undefined;
  const filter = mongoSanitize.sanitize({ customerId: req.user!.id, ...(status ? { status } : {}) });
  // expect-not: CWE-943
  const orders = await Order.find(filter).limit(100);
  res.json(orders);
}
