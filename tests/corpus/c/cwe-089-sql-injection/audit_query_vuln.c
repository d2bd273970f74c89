/* auditctl - prints the audit trail of one user from the local audit database:
 *   auditctl USER */
#include <sqlite3.h>
#include <stdio.h>

static int print_row(void *unused, int n, char **values, char **names)
{
    (void)unused;
    for (int i = 0; i < n; i++)
        printf("%s=%s%c", names[i], values[i] ? values[i] : "NULL", i + 1 < n ? ' ' : '\n');
    return 0;
}

int main(int argc, char **argv)
{
    sqlite3 *db;
    char sql[512];

    if (argc != 2) {
        fprintf(stderr, "usage: auditctl USER\n");
        return 2;
    }
    if (sqlite3_open_v2("/var/lib/audit/audit.db", &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return 1;
    snprintf(sql, sizeof sql,
             "SELECT ts, action, target FROM events WHERE user = '%s' ORDER BY ts", argv[1]);
    // expect: CWE-89
    int rc = sqlite3_exec(db, sql, print_row, NULL, NULL);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : 1;
}
