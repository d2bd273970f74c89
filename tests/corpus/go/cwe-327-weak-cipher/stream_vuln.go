package tunnel

import (
	"crypto/rc4"
	"net"
)

// obfuscatedConn encrypts the agent<->relay link with a per-session RC4 key.
type obfuscatedConn struct {
	net.Conn
	enc *rc4.Cipher
}

func Wrap(c net.Conn, sessionKey []byte) (net.Conn, error) {
	// expect: CWE-327
	enc, err := rc4.NewCipher(sessionKey)
	if err != nil {
		return nil, err
	}
	return &obfuscatedConn{Conn: c, enc: enc}, nil
}

func (o *obfuscatedConn) Write(p []byte) (int, error) {
	buf := make([]byte, len(p))
	o.enc.XORKeyStream(buf, p)
	return o.Conn.Write(buf)
}
