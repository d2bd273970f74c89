import type { Request, Response } from "express";

const RENDERER = "http://pdf-renderer.internal:9000";

export async function exportInvoice(req: Request, res: Response): Promise<void> {
  // the front-end passes the page to print; usually /invoices/123/print
  const page = String(req.query.page);
  // expect: CWE-918
  const upstream = await fetch(page.startsWith("http") ? page : `${RENDERER}/render?path=${page}`);
  res.setHeader("content-type", "application/pdf");
  res.send(Buffer.from(await upstream.arrayBuffer()));
}
