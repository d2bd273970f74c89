/* auditctl - prints the audit trail of one user from the local audit database:
 *   auditctl USER [DAYS] */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    char sql[256];

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: auditctl USER [DAYS]\n");
        return 2;
    }
    int days = argc == 3 ? atoi(argv[2]) : 30;
    if (sqlite3_open_v2("/var/lib/audit/audit.db", &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return 1;
    /* Only a number is formatted into the statement; the user name is bound. */
    snprintf(sql, sizeof sql,
             "SELECT ts, action, target FROM events WHERE user = ?1 "
             "AND ts > strftime('%%s', 'now') - %d * 86400 ORDER BY ts", days);
    // expect-not: CWE-89
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return 1;
    }
    sqlite3_bind_text(st, 1, argv[1], -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW)
        printf("%s %s %s\n", (const char *)sqlite3_column_text(st, 0),
               (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
    sqlite3_finalize(st);
    // expect-not: CWE-89
    sqlite3_exec(db, "PRAGMA optimize", NULL, NULL, NULL);
    sqlite3_close(db);
    return 0;
}
