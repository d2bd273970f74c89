// inventory-service: stock lookups for the warehouse scanners, backed by MySQL.
#include <cstring>
#include <mysql/mysql.h>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace inventory {

http::Response stockLevel(MYSQL* conn, const http::Request& req) {
    std::string sku = req.query("sku");
    std::string site = req.query("site");
    static const char kSql[] = "SELECT qty FROM stock WHERE sku = ? AND site = ?";
    MYSQL_STMT* st = mysql_stmt_init(conn);
    // expect-not: CWE-89
    if (st == nullptr || mysql_stmt_prepare(st, kSql, sizeof kSql - 1) != 0) {
        return http::Response::error(500, "prepare failed");
    }
    MYSQL_BIND params[2];
    std::memset(params, 0, sizeof params);
    unsigned long skuLen = sku.size(), siteLen = site.size();
    params[0].buffer_type = MYSQL_TYPE_STRING;
    params[0].buffer = sku.data();
    params[0].length = &skuLen;
    params[1].buffer_type = MYSQL_TYPE_STRING;
    params[1].buffer = site.data();
    params[1].length = &siteLen;
    mysql_stmt_bind_param(st, params);
    int rc = mysql_stmt_execute(st);
    mysql_stmt_close(st);
    return rc == 0 ? http::Response::ok("queued", "text/plain") : http::Response::error(500, "query failed");
}

}  // namespace inventory
