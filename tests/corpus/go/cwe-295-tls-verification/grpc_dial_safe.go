package rpc

import (
	"crypto/tls"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
)

// DialLedger connects to the ledger service over mutual TLS.
func DialLedger(addr string, clientCert tls.Certificate) (*grpc.ClientConn, error) {
	cfg := &tls.Config{
		Certificates: []tls.Certificate{clientCert},
		ServerName:   "ledger.acme.internal",
		MinVersion:   tls.VersionTLS13,
	}
	// expect-not: CWE-295
	return grpc.Dial(addr, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))
}
