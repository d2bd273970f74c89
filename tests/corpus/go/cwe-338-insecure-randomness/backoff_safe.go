package retry

import (
	"context"
	"math/rand"
	"time"
)

// Do retries fn with exponential backoff and full jitter. The randomness only spreads
// retries out in time; it protects nothing.
func Do(ctx context.Context, attempts int, base time.Duration, fn func() error) error {
	var err error
	for i := 0; i < attempts; i++ {
		if err = fn(); err == nil {
			return nil
		}
		ceiling := base << uint(i)
		// expect-not: CWE-338
		sleep := time.Duration(rand.Int63n(int64(ceiling) + 1))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(sleep):
		}
	}
	return err
}

// Shuffle randomises the order in which replicas are tried.
func Shuffle(addrs []string) {
	// expect-not: CWE-338
	rand.Shuffle(len(addrs), func(i, j int) { addrs[i], addrs[j] = addrs[j], addrs[i] })
}
