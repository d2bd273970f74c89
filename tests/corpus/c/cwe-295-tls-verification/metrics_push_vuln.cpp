// metrics-agent: pushes batches to the collector over TLS.
#include <openssl/ssl.h>
#include <stdexcept>
#include <string>

namespace agent {

SSL_CTX* makeClientContext() {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == nullptr) {
        throw std::runtime_error("SSL_CTX_new failed");
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    // The collector uses a self-signed certificate in most deployments.
    // expect: CWE-295
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
    return ctx;
}

}  // namespace agent
