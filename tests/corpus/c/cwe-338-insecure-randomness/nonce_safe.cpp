// Challenge-response login for the device provisioning protocol.
#include <cstdint>
#include <openssl/rand.h>
#include <stdexcept>
#include <string>

namespace provisioning {

std::string makeChallenge() {
    unsigned char raw[16];
    // expect-not: CWE-338
    if (RAND_bytes(raw, sizeof raw) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    std::string challenge;
    for (unsigned char b : raw) {
        challenge += static_cast<char>('a' + b % 26);
    }
    return challenge;
}

}  // namespace provisioning
