import { Router } from "express";
import { authenticate } from "./auth";
import { flags } from "./flags";

export const flagRoutes = Router();

flagRoutes.put("/api/flags/:name", authenticate, async (req, res) => {
  if (!req.user?.roles.includes("staff:flags")) {
    res.status(403).json({ error: "forbidden" });
    return;
  }
  // expect-not: CWE-862
  await flags.set(req.params.name, Boolean(req.body.enabled));
  res.json({ name: req.params.name, enabled: Boolean(req.body.enabled) });
});
