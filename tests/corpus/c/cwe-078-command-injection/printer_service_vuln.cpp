// print-spooler: REST-ish service that prints uploaded documents on a named queue.
#include <cstdlib>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace spool {

http::Response printDocument(const http::Request& req) {
    const std::string queue = req.query("queue");
    const std::string copies = req.query("copies");
    const std::string file = "/var/spool/uploads/" + req.pathParam("docId");
    std::string cmd = "lp -d " + queue + " -n " + copies + " " + file;
    // expect: CWE-78
    int rc = std::system(cmd.c_str());
    return rc == 0 ? http::Response::ok("queued") : http::Response::error(500, "lp failed");
}

}  // namespace spool
