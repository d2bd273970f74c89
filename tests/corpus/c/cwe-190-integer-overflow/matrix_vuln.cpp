// solver-service: allocates the coefficient matrix for a job posted over HTTP.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "job.h"

namespace solver {

double* allocateMatrix(const Job& job) {
    std::uint32_t rows = job.header().rows;  // from the request body
    std::uint32_t cols = job.header().cols;
    // expect: CWE-190
    std::uint32_t bytes = rows * cols * sizeof(double);
    return static_cast<double*>(std::malloc(bytes));
}

}  // namespace solver
