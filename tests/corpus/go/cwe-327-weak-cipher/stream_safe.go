package tunnel

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"net"

	"golang.org/x/crypto/chacha20poly1305"
)

// sealedConn encrypts each frame of the agent<->relay link with ChaCha20-Poly1305.
type sealedConn struct {
	net.Conn
	aead cipher.AEAD
}

func Wrap(c net.Conn, sessionKey []byte) (net.Conn, error) {
	// expect-not: CWE-327
	aead, err := chacha20poly1305.New(sessionKey)
	if err != nil {
		return nil, err
	}
	return &sealedConn{Conn: c, aead: aead}, nil
}

func (s *sealedConn) Write(p []byte) (int, error) {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return 0, err
	}
	frame := s.aead.Seal(nonce, nonce, p, nil)
	var hdr [4]byte
	binary.BigEndian.PutUint32(hdr[:], uint32(len(frame)))
	if _, err := s.Conn.Write(append(hdr[:], frame...)); err != nil {
		return 0, err
	}
	return len(p), nil
}
