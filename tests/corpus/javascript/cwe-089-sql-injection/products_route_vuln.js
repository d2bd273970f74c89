const express = require("express");
const { Pool } = require("pg");

const pool = new Pool();
const router = express.Router();

router.get("/products", async (req, res, next) => {
  try {
    const category = req.query.category || "all";
    const maxPrice = req.query.maxPrice || 1000000;
    let sql = "SELECT id, name, price FROM products WHERE price <= " + maxPrice;
    if (category !== "all") sql += ` AND category = '${category}'`;
    // expect: CWE-89
    const { rows } = await pool.query(sql);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
