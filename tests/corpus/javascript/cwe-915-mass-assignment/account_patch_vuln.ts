import type { Request, Response } from "express";
import { Account } from "./models/account"; // mongoose: email, displayName, plan, isVerified, balanceCents

export async function patchAccount(req: Request, res: Response): Promise<void> {
  // expect: CWE-915
  const account = await Account.findByIdAndUpdate(req.user!.id, req.body, { new: true });
  res.json(account);
}
