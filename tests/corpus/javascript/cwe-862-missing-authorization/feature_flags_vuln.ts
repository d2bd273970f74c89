import { Router } from "express";
import { authenticate } from "./auth";
import { flags } from "./flags";

export const flagRoutes = Router();

flagRoutes.put("/api/flags/:name", authenticate, async (req, res) => {
  // any authenticated customer account can flip global feature flags
  // expect: CWE-862
  await flags.set(req.params.name, Boolean(req.body.enabled));
  res.json({ name: req.params.name, enabled: Boolean(req.body.enabled) });
});
