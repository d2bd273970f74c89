import { Pool } from "pg";

export const pool = new Pool({
  host: process.env.PGHOST ?? "db.prod.internal",
  user: "orders_app",
  // expect: CWE-798
  password: process.env.PGPASSWORD ?? "Orders#2024!prod",
  database: "orders",
  max: 20,
});
