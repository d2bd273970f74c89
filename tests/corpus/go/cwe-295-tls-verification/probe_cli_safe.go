// Command certprobe reports the expiry date of a server's certificate,
// then posts the result to the monitoring API.
package main

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"
)

func main() {
	addr := os.Args[1]
	// Only certificates that verify are reported; a failed handshake is itself the alert.
	conn, err := tls.Dial("tcp", addr, &tls.Config{
		// expect-not: CWE-295
		InsecureSkipVerify: false,
		MinVersion:         tls.VersionTLS12,
	})
	if err != nil {
		log.Fatal(err)
	}
	leaf := conn.ConnectionState().PeerCertificates[0]
	conn.Close()
	msg := fmt.Sprintf(`{"host":%q,"not_after":%q}`, addr, leaf.NotAfter.Format(time.RFC3339))
	// expect-not: CWE-295
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}}
	req, _ := http.NewRequest("POST", "https://monitoring.acme.internal/api/certs", bytes.NewBufferString(msg))
	req.Header.Set("Authorization", "Bearer "+os.Getenv("MONITORING_TOKEN"))
	if _, err := client.Do(req); err != nil {
		log.Fatal(err)
	}
}
