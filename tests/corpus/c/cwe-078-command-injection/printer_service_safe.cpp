// print-spooler: REST-ish service that prints uploaded documents on a named queue.
#include <array>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace spool {

namespace {
constexpr std::array<const char*, 3> kQueues = {"office-2f", "office-3f", "plotter"};

bool knownQueue(const std::string& q) {
    for (const char* k : kQueues) {
        if (q == k) return true;
    }
    return false;
}
}  // namespace

http::Response printDocument(const http::Request& req) {
    const std::string queue = req.query("queue");
    int copies = std::stoi(req.query("copies", "1"));
    const std::string docId = req.pathParam("docId");
    if (!knownQueue(queue) || copies < 1 || copies > 50 ||
        docId.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return http::Response::error(400, "bad request");
    }
    const std::string file = "/var/spool/uploads/" + docId;
    const std::string n = std::to_string(copies);
    pid_t pid = fork();
    if (pid == 0) {
        // expect-not: CWE-78
        execlp("lp", "lp", "-d", queue.c_str(), "-n", n.c_str(), "--", file.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? http::Response::ok("queued")
                                                        : http::Response::error(500, "lp failed");
}

}  // namespace spool
