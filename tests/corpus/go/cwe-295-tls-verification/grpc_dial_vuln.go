package rpc

import (
	"crypto/tls"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
)

// DialLedger connects to the ledger service over TLS.
func DialLedger(addr string, skipVerify bool) (*grpc.ClientConn, error) {
	cfg := &tls.Config{}
	// expect: CWE-295
	cfg.InsecureSkipVerify = skipVerify
	return grpc.Dial(addr, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))
}
