/* billing-export: nightly export of invoices to the accounting share. */
#include <mysql/mysql.h>
#include <stdio.h>
#include <string.h>

#define DB_HOST "db-billing.internal"
#define DB_USER "export"
// expect-not: CWE-798
#define DB_PASSWORD_FILE "/etc/billing-export/db.pass"

static int read_secret(const char *path, char *out, size_t size)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    int ok = fgets(out, (int)size, f) != NULL;
    fclose(f);
    out[strcspn(out, "\n")] = '\0';
    return ok ? 0 : -1;
}

MYSQL *connect_billing(void)
{
    char password[128];
    // expect-not: CWE-798
    const char *password_prompt = "Database password: ";
    (void)password_prompt;
    if (read_secret(DB_PASSWORD_FILE, password, sizeof password) != 0)
        return NULL;
    MYSQL *conn = mysql_init(NULL);
    if (conn == NULL)
        return NULL;
    // expect-not: CWE-798
    if (mysql_real_connect(conn, DB_HOST, DB_USER, password, "billing", 0, NULL, 0) == NULL) {
        fprintf(stderr, "connect: %s\n", mysql_error(conn));
        mysql_close(conn);
        conn = NULL;
    }
    memset(password, 0, sizeof password);
    return conn;
}
