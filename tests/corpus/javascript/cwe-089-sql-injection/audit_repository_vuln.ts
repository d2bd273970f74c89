import mysql from "mysql2/promise";

export interface AuditFilter {
  actor?: string;
  action?: string;
  sortBy?: string;
}

export class AuditRepository {
  constructor(private readonly db: mysql.Pool) {}

  async find(filter: AuditFilter) {
    const where: string[] = ["1=1"];
    if (filter.actor) where.push(`actor = '${filter.actor}'`);
    if (filter.action) where.push(`action = '${filter.action}'`);
    const order = filter.sortBy ?? "created_at";
    // expect: CWE-89
    const [rows] = await this.db.query(`SELECT * FROM audit_log WHERE ${where.join(" AND ")} ORDER BY ${order} DESC LIMIT 200`);
    return rows;
  }
}
