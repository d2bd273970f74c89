// Challenge-response login for the device provisioning protocol.
#include <cstdint>
#include <ctime>
#include <random>
#include <string>

namespace provisioning {

std::string makeChallenge() {
    static std::mt19937 gen(static_cast<unsigned>(std::time(nullptr)));
    std::string challenge;
    for (int i = 0; i < 16; ++i) {
        // expect: CWE-338
        std::uint32_t word = gen();
        challenge += static_cast<char>('a' + word % 26);
    }
    return challenge;
}

}  // namespace provisioning
