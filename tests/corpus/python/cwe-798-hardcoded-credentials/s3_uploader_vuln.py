import boto3

session = boto3.session.Session(
    # expect: CWE-798
    aws_access_key_id="AKIAQ7ZL3XW2T5NB4KPD",
    # expect: CWE-798
    aws_secret_access_key="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",
    region_name="eu-central-1",
)
s3 = session.client("s3")


def upload_report(path: str, key: str) -> str:
    s3.upload_file(path, "acme-finance-reports", key)
    return f"s3://acme-finance-reports/{key}"
