// solver-service: allocates the coefficient matrix for a job posted over HTTP.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "job.h"

namespace solver {

double* allocateMatrix(const Job& job) {
    std::uint32_t rows = job.header().rows;  // from the request body
    std::uint32_t cols = job.header().cols;
    // rows * cols is computed in 32 bits and wraps before it is widened.
    // expect: CWE-190
    return static_cast<double*>(std::malloc(rows * cols * sizeof(double)));
}

}  // namespace solver
