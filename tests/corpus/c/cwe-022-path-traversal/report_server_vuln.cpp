// report-server: returns generated CSV reports by name.
#include <fstream>
#include <sstream>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace reports {

const std::string kReportDir = "/var/lib/report-server/out/";

http::Response getReport(const http::Request& req) {
    const std::string name = req.query("name");
    // expect: CWE-22
    std::ifstream in(kReportDir + name);
    if (!in) {
        return http::Response::error(404, "no such report");
    }
    std::ostringstream body;
    body << in.rdbuf();
    return http::Response::ok(body.str(), "text/csv");
}

}  // namespace reports
