import type { Request, Response, NextFunction } from "express";

// Turns ?filter.status=open&filter.owner.id=7 into nested objects.
export function nestedQuery(req: Request, _res: Response, next: NextFunction): void {
  const out: Record<string, any> = {};
  for (const [path, value] of Object.entries(req.query)) {
    const parts = path.split(".");
    let node = out;
    for (const part of parts.slice(0, -1)) {
      node[part] = node[part] ?? {};
      node = node[part];
    }
    // ?__proto__.isAdmin=1 sets isAdmin on every object
    // expect: CWE-1321
    node[parts[parts.length - 1]] = value;
  }
  (req as any).nested = out;
  next();
}
