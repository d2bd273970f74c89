// gatewayd: loads upstream definitions from the operator-edited config file.
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace gateway {

struct Upstream {
    char name[32];
    char host[64];
    int port;
};

std::vector<Upstream> loadUpstreams(const std::string& path) {
    std::vector<Upstream> result;
    std::ifstream in(path);
    std::string name, host;
    int port;
    while (in >> name >> host >> port) {
        Upstream u{};
        // expect: CWE-120
        std::strcpy(u.name, name.c_str());
        // expect: CWE-120
        std::strcat(u.host, host.c_str());
        u.port = port;
        result.push_back(u);
    }
    return result;
}

}  // namespace gateway
