#!/usr/bin/env python3
"""Run a Dateline pipeline on a Spark cluster: N shards as N Spark tasks, then one merge.

Each task runs `dateline run PIPELINE --shard K/N --shards-dir SHARDS` for its partition
index K; Dateline itself lists and sorts the inputs and takes its contiguous slice, so the
tasks agree on the partition without Spark shipping the file list. A failed task is retried
by Spark and replaces its shard as a whole (shards are staged and renamed into place). When
every task has finished, the driver runs `dateline merge PIPELINE --shards-dir SHARDS`,
which writes exactly what one run of the pipeline writes.

The binary, the pipeline, the inputs and SHARDS must be at the same paths on every worker
(a shared filesystem, or object storage mounted on each node).

    spark-submit examples/spark/dateline_spark.py --shards 64 \\
        --dateline /shared/bin/dateline --pipeline /shared/news/pipeline.toml \\
        --shards-dir /shared/news/shards

Local test (what CI runs): --master 'local[2]'.
"""

import argparse
import subprocess
import sys


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shards", type=int, required=True, help="number of shards N")
    parser.add_argument("--dateline", default="dateline", help="the dateline binary")
    parser.add_argument("--pipeline", required=True, help="the pipeline file")
    parser.add_argument("--shards-dir", required=True, help="where the shards are written")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="pipeline override, given to every shard and to the merge",
    )
    parser.add_argument(
        "--threads", type=int, default=0, help="threads per shard (default: spark.task.cpus)"
    )
    parser.add_argument("--master", default=None, help="Spark master (default: spark-submit's)")
    parser.add_argument("--no-merge", action="store_true", help="run the shards only")
    return parser.parse_args(argv)


def overrides(pairs):
    return [arg for pair in pairs for arg in ("--set", pair)]


def shard_task(args, threads):
    """The function each Spark task runs: one shard, by the task's partition index."""

    def run(index, _rows):
        command = [
            args.dateline, "run", args.pipeline,
            "--shard", f"{index}/{args.shards}",
            "--shards-dir", args.shards_dir,
            "--threads", str(threads),
            "--quiet",
        ] + overrides(args.set)
        done = subprocess.run(command, capture_output=True, text=True)
        # 0: every record written; 3: some went to the shard's dead letters (merged too).
        if done.returncode not in (0, 3):
            # Failing the task lets Spark retry it; the message reaches the driver's log.
            raise RuntimeError(
                f"shard {index}/{args.shards} failed with exit code {done.returncode}:\n"
                + done.stderr[-4000:]
            )
        yield (index, done.returncode)

    return run


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession  # imported here so --help works without Spark

    builder = SparkSession.builder.appName("dateline")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        context = spark.sparkContext
        threads = args.threads or int(context.getConf().get("spark.task.cpus", "1"))
        # One element per partition: partition K is shard K.
        shards = context.parallelize(range(args.shards), args.shards)
        results = sorted(shards.mapPartitionsWithIndex(shard_task(args, threads)).collect())
    finally:
        spark.stop()
    if [index for index, _ in results] != list(range(args.shards)):
        sys.exit(f"expected shards 0..{args.shards - 1}, got {results}")
    print(f"dateline: {args.shards} shard(s) written to {args.shards_dir}", file=sys.stderr)
    if args.no_merge:
        return 0
    merge = [
        args.dateline, "merge", args.pipeline, "--shards-dir", args.shards_dir,
    ] + overrides(args.set)
    code = subprocess.run(merge).returncode
    # The merge's exit code is Dateline's: 0 clean, 3 with dead letters, 1 refused or failed.
    return code


if __name__ == "__main__":
    sys.exit(main())
