"""Nightly sync from the ERP database into the analytics warehouse."""
import os

import psycopg2
import snowflake.connector

ERP_DSN = "host=erp-db.internal dbname=erp user=sync"
# the name of the variable that holds the password, not the password itself
# expect-not: CWE-798
ERP_PASSWORD_ENV = "ERP_SYNC_PASSWORD"


def erp_connection():
    # expect-not: CWE-798
    return psycopg2.connect(ERP_DSN, password=os.environ[ERP_PASSWORD_ENV])


def warehouse_connection():
    return snowflake.connector.connect(
        account="acme-eu1",
        user="ANALYTICS_LOADER",
        # expect-not: CWE-798
        password=os.environ.get("SNOWFLAKE_PASSWORD", ""),
        warehouse="LOAD_WH",
    )
