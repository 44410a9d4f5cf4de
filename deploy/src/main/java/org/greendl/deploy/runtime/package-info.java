/**
 * Running ONNX models with ONNX Runtime, and measuring them.
 *
 * <p>{@link org.greendl.deploy.runtime.OnnxSession} wraps one ORT session (ALL_OPT, sequential execution, fixed
 * intra-op threads, optional dump of the optimized graph); {@link org.greendl.deploy.runtime.Predictor} is the
 * small classification API; {@link org.greendl.deploy.runtime.ServeBenchmark} measures latency p50/p90/p99 and
 * throughput per batch size after warm-up, with energy per 1,000 inferences from the greendl meter
 * ({@link org.greendl.deploy.runtime.TrackerEnergyMeter}: this process's share, RAPL when readable, else the
 * meter's estimate, always labelled). {@link org.greendl.deploy.runtime.OptimizedGraph} lists the ops ORT really
 * runs (to check int8 fusion).
 *
 * <p><b>Native libraries.</b> ORT's Java binding extracts its native libraries into a fresh temporary folder in
 * every JVM. {@link org.greendl.deploy.runtime.OrtNatives} extracts them once into
 * {@code ~/.greendl/native/onnxruntime-1.29.0/<platform>} (or {@code $GREENDL_HOME/native/...}), atomically, and
 * points {@code onnxruntime.native.path} there; a user-set {@code onnxruntime.native.path} wins, and a read-only
 * home falls back to ORT's own behaviour (ORT still creates an empty temporary folder, and deletes it).
 */
package org.greendl.deploy.runtime;
