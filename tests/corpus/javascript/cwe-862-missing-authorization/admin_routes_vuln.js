const express = require("express");
const { requireLogin, requireRole } = require("../middleware/auth");
const Tenant = require("../models/tenant");

const router = express.Router();

router.get("/admin/tenants", requireLogin, requireRole("admin"), async (req, res) => {
  res.json(await Tenant.find());
});

// added during an incident; only requireLogin was copied over
router.post("/admin/tenants/:id/suspend", requireLogin, async (req, res) => {
  // expect: CWE-862
  await Tenant.updateOne({ _id: req.params.id }, { $set: { suspended: true, suspendedBy: req.user.id } });
  res.json({ ok: true });
});

module.exports = router;
