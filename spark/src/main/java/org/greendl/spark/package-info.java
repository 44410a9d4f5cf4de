/**
 * Method card: hyper-parameter search trials on Apache Spark, energy counted once per host.
 *
 * <p><b>What it does.</b> {@link org.greendl.spark.SparkTrialRunner} runs each rung of a search (or a whole grid)
 * as one Spark job with a partition per trial; each task trains its trial in one of its executor's trial
 * workers (a JVM per task slot, kept across trials, the engine loaded once, one trial at a time), with the
 * task's cores as the engine's threads, and the driver journals each result as it comes back, and every failed,
 * lost or cancelled attempt with its reason.
 * {@link org.greendl.spark.HostEnergy} turns the trials' readings into energy per host: machine-mode readings of
 * trials that overlapped on a host are one machine's energy, shared among them by CPU time (else equally), not
 * summed. {@link org.greendl.spark.SparkInference} runs batch ONNX inference with {@code mapPartitions}: each task
 * reads its own slice of the data, opens one ONNX Runtime session, and reports its predictions and its
 * process-mode reading; readings of partitions that overlapped in one executor JVM count once.
 *
 * <p><b>When to use it.</b> A search whose rungs hold more trials than one machine trains at once well, with
 * the data and the output folder on a filesystem every executor sees. On one machine, {@code local[N]} trains N
 * small trials at once, which pays where one trial cannot keep the cores busy.
 *
 * <p><b>Settings.</b> The master ({@code --master}), {@code spark.task.cpus} (the engine threads per trial,
 * unless {@code --threads} fixes them), the meter's tracking mode.
 *
 * <p><b>Honesty.</b> Each trial's own reading is kept ({@code trials.jsonl}, {@code spark-tasks.jsonl}) beside
 * the per-host total; {@code search.json} gives both the hosts' total and the plain sum of the trials' readings.
 * The shares assume a host's power was steady over each trial's window and that the trials were what ran there.
 * With an energy budget trials run one at a time, so it holds as in a local search. A trial's results equal a
 * local run's with the same seeds and threads (tested on {@code local[2]}; on a standalone cluster on loopback in
 * {@code benchmarks/spark/standalone.sh}, which also measures the speed-up and energy against a local search). A
 * lost attempt returned no reading; its energy is not in the total.
 */
package org.greendl.spark;
