import boto3

# credentials come from the instance role / AWS_PROFILE via the default chain
# expect-not: CWE-798
session = boto3.session.Session(region_name="eu-central-1")
s3 = session.client("s3")

PASSWORD_FIELD = "password"
TOKEN_HEADER = "X-Auth-Token"


def upload_report(path: str, key: str) -> str:
    s3.upload_file(path, "acme-finance-reports", key)
    return f"s3://acme-finance-reports/{key}"


def redact(form: dict) -> dict:
    # expect-not: CWE-798
    return {k: ("***" if k in (PASSWORD_FIELD, TOKEN_HEADER) else v) for k, v in form.items()}
