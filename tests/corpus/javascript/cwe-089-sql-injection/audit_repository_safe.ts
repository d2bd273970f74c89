import mysql from "mysql2/promise";

export interface AuditFilter {
  actor?: string;
  action?: string;
  sortBy?: "created_at" | "actor" | "action";
}

const ORDER_COLUMNS = new Set(["created_at", "actor", "action"]);

export class AuditRepository {
  constructor(private readonly db: mysql.Pool) {}

  async find(filter: AuditFilter) {
    const where: string[] = ["1=1"];
    const args: unknown[] = [];
    if (filter.actor) { where.push("actor = ?"); args.push(filter.actor); }
    if (filter.action) { where.push("action = ?"); args.push(filter.action); }
    const order = ORDER_COLUMNS.has(String(filter.sortBy)) ? filter.sortBy : "created_at";
    // expect-not: CWE-89
    const [rows] = await this.db.execute(`SELECT * FROM audit_log WHERE ${where.join(" AND ")} ORDER BY ${order} DESC LIMIT 200`, args);
    return rows;
  }
}
