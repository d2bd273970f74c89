import type { Request, Response } from "express";
import { Account } from "./models/account"; // mongoose: email, displayName, plan, isVerified, balanceCents

export async function patchAccount(req: Request, res: Response): Promise<void> {
  const update: Record<string, string> = {};
  if (typeof req.body.displayName === "string") update.displayName = req.body.displayName.slice(0, 80);
  // expect-not: CWE-915
  const account = await Account.findByIdAndUpdate(req.user!.id, { $set: update }, { new: true });
  res.json(account);
}
