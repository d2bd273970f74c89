// report-server: returns generated CSV reports by name.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace reports {

namespace fs = std::filesystem;

const fs::path kReportDir = "/var/lib/report-server/out";

http::Response getReport(const http::Request& req) {
    std::error_code ec;
    const fs::path base = fs::canonical(kReportDir, ec);
    const fs::path wanted = fs::weakly_canonical(kReportDir / req.query("name"), ec);
    auto rel = wanted.lexically_relative(base);
    if (ec || rel.empty() || *rel.begin() == "..") {
        return http::Response::error(400, "bad report name");
    }
    // expect-not: CWE-22
    std::ifstream in(wanted);
    if (!in) {
        return http::Response::error(404, "no such report");
    }
    std::ostringstream body;
    body << in.rdbuf();
    return http::Response::ok(body.str(), "text/csv");
}

}  // namespace reports
