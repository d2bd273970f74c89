import { QueryTypes, Sequelize } from "sequelize";
import type { Request, Response } from "express";

const sequelize = new Sequelize(process.env.DATABASE_URL!);

export async function searchEmployees(req: Request, res: Response): Promise<void> {
  const dept = String(req.query.dept ?? "");
  // expect: CWE-89
  const rows = await sequelize.query(`SELECT id, name, title FROM employees WHERE department = '${dept}'`, { type: QueryTypes.SELECT });
  res.json(rows);
}
