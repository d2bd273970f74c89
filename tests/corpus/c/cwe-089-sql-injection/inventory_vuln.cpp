// inventory-service: stock lookups for the warehouse scanners, backed by MySQL.
#include <mysql/mysql.h>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace inventory {

http::Response stockLevel(MYSQL* conn, const http::Request& req) {
    const std::string sku = req.query("sku");
    const std::string site = req.query("site");
    std::string q = "SELECT qty FROM stock WHERE sku = '" + sku + "' AND site = '" + site + "'";
    // expect: CWE-89
    if (mysql_query(conn, q.c_str()) != 0) {
        return http::Response::error(500, mysql_error(conn));
    }
    MYSQL_RES* res = mysql_store_result(conn);
    MYSQL_ROW row = res ? mysql_fetch_row(res) : nullptr;
    std::string qty = row && row[0] ? row[0] : "0";
    mysql_free_result(res);
    return http::Response::ok(qty, "text/plain");
}

}  // namespace inventory
