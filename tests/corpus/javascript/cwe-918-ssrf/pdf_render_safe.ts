import type { Request, Response } from "express";

const RENDERER = "http://pdf-renderer.internal:9000";

export async function exportInvoice(req: Request, res: Response): Promise<void> {
  const invoiceId = Number.parseInt(String(req.query.invoice), 10);
  if (!Number.isSafeInteger(invoiceId) || invoiceId <= 0) {
    res.status(400).end();
    return;
  }
  // fixed host, numeric id
  // expect-not: CWE-918
  const upstream = await fetch(`${RENDERER}/render?path=/invoices/${invoiceId}/print`);
  res.setHeader("content-type", "application/pdf");
  res.send(Buffer.from(await upstream.arrayBuffer()));
}
