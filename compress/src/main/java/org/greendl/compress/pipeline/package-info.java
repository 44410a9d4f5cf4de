/**
 * Pipelines: each compression command as one library call ({@link org.greendl.compress.pipeline.PruneJob},
 * {@link org.greendl.compress.pipeline.DistillJob}, {@link org.greendl.compress.pipeline.FactorizeJob},
 * {@link org.greendl.compress.pipeline.QatJob}, {@link org.greendl.compress.pipeline.FineTuneJob}).
 *
 * <p><b>What they do.</b> Load the source model and Fashion-MNIST, run the technique with the meter on, fine-tune
 * with greendl's training session (kind, parent and energy recorded; 0 epochs only evaluates), then write the new
 * model with a run.json whose model block (params, MACs, sparsity, bytes), metrics and energy (compression step
 * plus fine-tuning) describe it. Each returns a typed {@link org.greendl.compress.pipeline.CompressionResult}.
 *
 * <p><b>When to use them.</b> From Java, to get exactly what {@code greendl prune}, {@code distill},
 * {@code factorize}, {@code qat} and {@code fine-tune} write (same defaults, same records) without copying
 * command code; the commands are thin wrappers over these calls.
 *
 * <p><b>Settings.</b> {@link org.greendl.compress.pipeline.CompressionSettings#defaults} (batch 64, seed 42, all
 * the data) plus one record per technique holding that technique's configuration record, its epochs and its
 * learning rate.
 */
package org.greendl.compress.pipeline;
