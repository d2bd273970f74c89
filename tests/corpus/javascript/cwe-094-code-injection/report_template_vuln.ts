import vm from "node:vm";
import type { Request, Response } from "express";

interface Row { region: string; revenue: number; }

export function renderSummary(req: Request, res: Response, rows: Row[]): void {
  // admins customise the summary line, e.g. "`${rows.length} regions`"
  const template = String(req.body.template ?? "`${rows.length} rows`");
  const context = vm.createContext({ rows });
  // vm is not a security boundary: this.constructor.constructor("return process")() escapes it
  // expect: CWE-94
  const text = vm.runInContext(template, context, { timeout: 50 });
  res.json({ summary: String(text) });
}
