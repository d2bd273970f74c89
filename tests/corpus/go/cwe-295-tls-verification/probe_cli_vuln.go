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
)

func main() {
	addr := os.Args[1]
	// expect: CWE-295
	conn, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		log.Fatal(err)
	}
	leaf := conn.ConnectionState().PeerCertificates[0]
	conn.Close()
	msg := fmt.Sprintf(`{"host":%q,"not_after":%q}`, addr, leaf.NotAfter)
	// The report carries a bearer token, yet verification is switched off for it too.
	client := &http.Client{Transport: &http.Transport{
		// expect: CWE-295
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}}
	req, _ := http.NewRequest("POST", "https://monitoring.acme.internal/api/certs", bytes.NewBufferString(msg))
	req.Header.Set("Authorization", "Bearer "+os.Getenv("MONITORING_TOKEN"))
	if _, err := client.Do(req); err != nil {
		log.Fatal(err)
	}
}
