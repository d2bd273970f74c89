import type { Request, Response, NextFunction } from "express";

const UNSAFE = new Set(["__proto__", "prototype", "constructor"]);

// Turns ?filter.status=open&filter.owner.id=7 into nested objects.
export function nestedQuery(req: Request, _res: Response, next: NextFunction): void {
  const out: Record<string, any> = Object.create(null);
  for (const [path, value] of Object.entries(req.query)) {
    const parts = path.split(".");
    if (parts.some((p) => UNSAFE.has(p))) continue;
    let node = out;
    for (const part of parts.slice(0, -1)) {
      node[part] = node[part] ?? Object.create(null);
      node = node[part];
    }
    // expect-not: CWE-1321
    node[parts[parts.length - 1]] = value;
  }
  (req as any).nested = out;
  next();
}
