const express = require("express");
const { Pool } = require("pg");

const pool = new Pool();
const router = express.Router();

router.get("/products", async (req, res, next) => {
  try {
    const category = req.query.category || "all";
    const maxPrice = Number(req.query.maxPrice) || 1000000;
    const params = [maxPrice];
    let sql = "SELECT id, name, price FROM products WHERE price <= $1";
    if (category !== "all") {
      params.push(category);
      sql += " AND category = $2";
    }
    // expect-not: CWE-89
    const { rows } = await pool.query(sql, params);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
