/**
 * Planning a search past one machine: {@link org.greendl.benchmarks.cluster.ClusterSimulator} predicts wall time
 * and energy on E executors from a search's measured trials (list scheduling per rung, rungs as barriers, seeded
 * stragglers, start-up per task, idle power while waiting); {@link org.greendl.benchmarks.cluster.SearchOnCluster}
 * reads a search folder and prints the prediction. Predictions, stated as such; nothing here is measured on a
 * cluster.
 */
package org.greendl.benchmarks.cluster;
