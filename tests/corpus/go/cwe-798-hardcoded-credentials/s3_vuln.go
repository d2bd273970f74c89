package storage

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const (
	awsAccessKeyID = "AKIAZ7Q4XK2MPL9RWT3N"
	// expect: CWE-798
	awsSecretKey = "q8Yv3LmN0pRt6sWx2Zb5Cd9Fg1Hj4Kk7Mn0Pq3Rs"
)

func NewUploader() *s3.Client {
	return s3.New(s3.Options{
		Region:      "eu-west-1",
		Credentials: aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(awsAccessKeyID, awsSecretKey, "")),
	})
}
