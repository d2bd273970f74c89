// image-service: spills large uploads to disk before processing.
#include <cstdio>
#include <fstream>
#include <string>

namespace images {

std::string spillToDisk(const std::string& body) {
    char name[L_tmpnam];
    // expect: CWE-377
    std::tmpnam(name);
    std::ofstream out(name, std::ios::binary);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    return name;
}

}  // namespace images
