// chat-relay: per-connection message assembly buffer.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <sys/socket.h>
#include <sys/types.h>

namespace relay {

class MessageAssembler {
public:
    // Reads a length-prefixed message: u32 length (host order, from the peer) then bytes.
    bool readMessage(int fd) {
        std::uint32_t len = 0;
        if (recv(fd, &len, sizeof len, MSG_WAITALL) != static_cast<ssize_t>(sizeof len)) {
            return false;
        }
        char chunk[4096];
        ssize_t got = recv(fd, chunk, sizeof chunk, 0);
        if (got <= 0) {
            return false;
        }
        // expect: CWE-787
        std::memcpy(buffer_ + used_, chunk, len);
        used_ += len;
        return true;
    }

private:
    char buffer_[8192] = {};
    std::size_t used_ = 0;
};

}  // namespace relay
