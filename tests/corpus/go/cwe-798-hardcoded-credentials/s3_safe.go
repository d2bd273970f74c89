package storage

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const (
	// Names of environment variables and a public bucket name; none of these are secrets.
	// expect-not: CWE-798
	secretKeyEnv = "AWS_SECRET_ACCESS_KEY"
	bucketName   = "acme-public-assets"
)

// NewUploader uses the default credential chain (env, shared config, instance role).
func NewUploader(ctx context.Context) (*s3.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"))
	if err != nil {
		return nil, err
	}
	return s3.NewFromConfig(cfg), nil
}
