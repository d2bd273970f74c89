/* billing-export: nightly export of invoices to the accounting share. */
#include <mysql/mysql.h>
#include <stdio.h>

#define DB_HOST "db-billing.internal"
#define DB_USER "export"
// expect: CWE-798
#define DB_PASSWORD "Xp0rt!2021-nightly"

MYSQL *connect_billing(void)
{
    MYSQL *conn = mysql_init(NULL);
    if (conn == NULL)
        return NULL;
    if (mysql_real_connect(conn, DB_HOST, DB_USER, DB_PASSWORD, "billing", 0, NULL, 0) == NULL) {
        fprintf(stderr, "connect: %s\n", mysql_error(conn));
        mysql_close(conn);
        return NULL;
    }
    return conn;
}

MYSQL *connect_archive(void)
{
    MYSQL *conn = mysql_init(NULL);
    // expect: CWE-798
    return mysql_real_connect(conn, "db-archive.internal", "archive_ro", "ArchiveRead0nly", "archive", 0, NULL, 0);
}
