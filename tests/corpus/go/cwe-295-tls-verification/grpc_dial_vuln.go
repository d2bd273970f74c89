package rpc

import (
	"crypto/tls"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
)

// DialLedger connects to the ledger service over TLS.
func DialLedger(addr string) (*grpc.ClientConn, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	// The ledger's certificate is re-issued by hand; verification was switched off "for now".
	// expect: CWE-295
	cfg.InsecureSkipVerify = true
	return grpc.Dial(addr, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))
}
