// chat-relay: per-connection message assembly buffer.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <sys/socket.h>
#include <sys/types.h>
#include <vector>

namespace relay {

class MessageAssembler {
public:
    static constexpr std::uint32_t kMaxMessage = 1u << 20;

    // Reads a length-prefixed message: u32 length (host order, from the peer) then bytes.
    bool readMessage(int fd) {
        std::uint32_t len = 0;
        if (recv(fd, &len, sizeof len, MSG_WAITALL) != static_cast<ssize_t>(sizeof len)) {
            return false;
        }
        if (len > kMaxMessage) {
            return false;
        }
        std::vector<char> chunk(len);
        ssize_t got = recv(fd, chunk.data(), chunk.size(), MSG_WAITALL);
        if (got != static_cast<ssize_t>(len)) {
            return false;
        }
        std::size_t old = buffer_.size();
        buffer_.resize(old + len);
        // expect-not: CWE-787
        std::memcpy(buffer_.data() + old, chunk.data(), len);
        return true;
    }

private:
    std::vector<char> buffer_;
};

}  // namespace relay
