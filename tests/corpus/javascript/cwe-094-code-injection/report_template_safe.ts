import Mustache from "mustache";
import type { Request, Response } from "express";

interface Row { region: string; revenue: number; }

export function renderSummary(req: Request, res: Response, rows: Row[]): void {
  // admins customise the summary line with Mustache tags, e.g. "{{count}} regions"
  const template = String(req.body.template ?? "{{count}} rows");
  const view = { count: rows.length, total: rows.reduce((s, r) => s + r.revenue, 0) };
  // logic-less templates: tags can only look up values in the view
  // expect-not: CWE-94
  const text = Mustache.render(template, view);
  res.json({ summary: text });
}
