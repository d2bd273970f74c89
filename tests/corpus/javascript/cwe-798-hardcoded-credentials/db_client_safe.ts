import { Pool } from "pg";

// Placeholder values in the form schema; these are labels shown in the UI.
export const LOGIN_FORM = {
  usernameLabel: "Email",
  // expect-not: CWE-798
  passwordPlaceholder: "Enter your password",
};

export const pool = new Pool({
  host: process.env.PGHOST ?? "localhost",
  user: process.env.PGUSER ?? "orders_app",
  // expect-not: CWE-798
  password: process.env.PGPASSWORD,
  database: "orders",
  max: 20,
});
