import { createHash } from "node:crypto";
import type { Request, Response, NextFunction } from "express";

// Weak ETags for JSON responses so browsers can revalidate cheaply.
export function etag(req: Request, res: Response, next: NextFunction): void {
  const send = res.json.bind(res);
  res.json = (body: unknown) => {
    const text = JSON.stringify(body);
    // cache validator only; collisions just cost a re-download
    // expect-not: CWE-328
    const tag = `W/"${createHash("md5").update(text).digest("base64url")}"`;
    res.setHeader("ETag", tag);
    if (req.headers["if-none-match"] === tag) {
      res.status(304).end();
      return res;
    }
    return send(body);
  };
  next();
}
