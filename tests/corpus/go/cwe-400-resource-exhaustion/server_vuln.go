package main

import (
	"log"
	"net/http"
	"os"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/orders", ordersHandler)
	addr := ":" + os.Getenv("PORT")
	log.Printf("listening on %s", addr)
	// expect: CWE-400
	log.Fatal(http.ListenAndServe(addr, mux))
}
