const knex = require("knex")({ client: "pg", connection: process.env.DATABASE_URL });

async function topCustomers(req, res) {
  const since = req.query.since || "2024-01-01";
  // expect-not: CWE-89
  const result = await knex.raw("SELECT customer_id, SUM(total) AS spent FROM orders WHERE created_at >= ? GROUP BY 1 ORDER BY 2 DESC LIMIT 10", [since]);
  res.json(result.rows);
}

module.exports = { topCustomers };
