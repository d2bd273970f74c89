// image-service: spills large uploads to disk before processing.
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace images {

std::string spillToDisk(const std::string& body) {
    std::string path = "/var/cache/image-service/upload-XXXXXX";
    // expect-not: CWE-377
    int fd = mkstemp(path.data());
    if (fd < 0) {
        throw std::runtime_error("mkstemp failed");
    }
    const char* p = body.data();
    std::size_t left = body.size();
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n <= 0) {
            close(fd);
            unlink(path.c_str());
            throw std::runtime_error("write failed");
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    close(fd);
    return path;
}

}  // namespace images
