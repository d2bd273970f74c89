// metrics-agent: pushes batches to the collector over TLS.
#include <openssl/ssl.h>
#include <stdexcept>
#include <string>

namespace agent {

SSL_CTX* makeClientContext(const std::string& collectorCa) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == nullptr) {
        throw std::runtime_error("SSL_CTX_new failed");
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    // Self-signed collectors: trust exactly their certificate, still verify it.
    if (SSL_CTX_load_verify_locations(ctx, collectorCa.c_str(), nullptr) != 1) {
        SSL_CTX_free(ctx);
        throw std::runtime_error("cannot load collector CA");
    }
    // expect-not: CWE-295
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    return ctx;
}

}  // namespace agent
