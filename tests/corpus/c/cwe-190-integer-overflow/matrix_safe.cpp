// solver-service: allocates the coefficient matrix for a job posted over HTTP.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>

#include "job.h"

namespace solver {

std::unique_ptr<double[]> allocateMatrix(const Job& job) {
    std::uint64_t rows = job.header().rows;  // from the request body
    std::uint64_t cols = job.header().cols;
    if (rows == 0 || cols == 0 || rows > 50000 || cols > 50000 ||
        rows > std::numeric_limits<std::size_t>::max() / sizeof(double) / cols) {
        throw std::invalid_argument("matrix too large");
    }
    std::size_t elements = static_cast<std::size_t>(rows * cols);
    // expect-not: CWE-190
    return std::make_unique<double[]>(elements);
}

}  // namespace solver
