"""Nightly sync from the ERP database into the analytics warehouse."""
import psycopg2
import snowflake.connector

ERP_DSN = "host=erp-db.internal dbname=erp user=sync"
# expect: CWE-798
ERP_PASSWORD = "Sync!2023-erp-prod"


def erp_connection():
    return psycopg2.connect(ERP_DSN, password=ERP_PASSWORD)


def warehouse_connection():
    return snowflake.connector.connect(
        account="acme-eu1",
        user="ANALYTICS_LOADER",
        # expect: CWE-798
        password="w4rehouse-L0ader-pw",
        warehouse="LOAD_WH",
    )
