// Reconnect logic of the metrics agent: exponential backoff with jitter.
#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace agent {

class Backoff {
public:
    std::chrono::milliseconds next() {
        auto ceiling = std::min<long long>(30000, 100LL << std::min(attempt_++, 10));
        std::uniform_int_distribution<long long> dist(0, ceiling);
        // expect-not: CWE-338
        return std::chrono::milliseconds(dist(rng_));
    }
    void reset() { attempt_ = 0; }

private:
    int attempt_ = 0;
    std::mt19937_64 rng_{std::random_device{}()};
};

}  // namespace agent
