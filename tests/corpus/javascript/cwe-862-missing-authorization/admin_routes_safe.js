const express = require("express");
const { requireLogin, requireRole } = require("../middleware/auth");
const Tenant = require("../models/tenant");

const router = express.Router();
router.use("/admin", requireLogin, requireRole("admin"));

router.get("/admin/tenants", async (req, res) => {
  res.json(await Tenant.find());
});

router.post("/admin/tenants/:id/suspend", async (req, res) => {
  // guarded by the router-level requireRole("admin") above
  // expect-not: CWE-862
  await Tenant.updateOne({ _id: req.params.id }, { $set: { suspended: true, suspendedBy: req.user.id } });
  res.json({ ok: true });
});

module.exports = router;
