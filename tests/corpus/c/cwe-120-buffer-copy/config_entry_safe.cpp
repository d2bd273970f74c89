// gatewayd: loads upstream definitions from the operator-edited config file.
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace gateway {

struct Upstream {
    std::string name;
    std::string host;
    int port;
};

std::vector<Upstream> loadUpstreams(const std::string& path) {
    std::vector<Upstream> result;
    std::ifstream in(path);
    std::string name, host;
    int port;
    while (in >> name >> host >> port) {
        if (port <= 0 || port > 65535) {
            throw std::runtime_error("bad port for upstream " + name);
        }
        Upstream u;
        // expect-not: CWE-120
        u.name.assign(name);
        // expect-not: CWE-120
        u.host += host;
        u.port = port;
        result.push_back(u);
    }
    return result;
}

}  // namespace gateway
