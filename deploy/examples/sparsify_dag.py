"""Airflow DAG: sparsify each day's graph dump once it has arrived.

One task per day runs deploy/sparsify-dated for the DAG run's logical date ({{ ds }}). The
script skips a date whose output is already committed and replaces a failed partial run, so
Airflow retries and backfills are safe. Exit code 3 (the dump has not arrived) fails the try,
and Airflow retries it after retry_delay.

Written for Airflow 2.4 or later; in Airflow 3, import BashOperator from
airflow.providers.standard.operators.bash instead.

Set the Airflow Variable sparsify_home to the folder of a Sparsify checkout with a built job jar
on the worker, and spark_master to the Spark master URL.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

INPUT_ROOT = "hdfs://namenode:8020/dumps/graph"
OUTPUT_ROOT = "hdfs://namenode:8020/sparsified/graph"

with DAG(
    dag_id="sparsify_sample_daily",
    description="Uniform edge sampling of the daily graph dump",
    schedule="30 2 * * *",
    start_date=datetime(2026, 12, 1),
    catchup=True,
    max_active_runs=1,
    default_args={
        "retries": 6,
        "retry_delay": timedelta(hours=1),
    },
    tags=["sparsify"],
) as dag:
    BashOperator(
        task_id="sample",
        bash_command=(
            "cd {{ var.value.sparsify_home }} && deploy/sparsify-dated sample"
            " --date {{ ds }} --profile large --master {{ var.value.spark_master }}"
            f" --input-root {INPUT_ROOT} --output-root {OUTPUT_ROOT}"
        ),
    )
