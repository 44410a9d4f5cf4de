/**
 * Efficient data usage (greendl-select): fewer labels and fewer examples for the same model.
 *
 * <ul>
 *   <li>{@link org.greendl.select.active}: pool-based active learning with batch queries;</li>
 *   <li>{@link org.greendl.select.scoring}: example scores (EL2N, forgetting events, loss) and data pruning;</li>
 *   <li>{@link org.greendl.select.curriculum}: easy-to-hard ordering with a pacing function;</li>
 *   <li>{@link org.greendl.select.transfer}: pre-train on part of the classes, then fine-tune.</li>
 * </ul>
 *
 * <p>Data (Fashion-MNIST or any {@code --data}: images or feature vectors) are addressed by id in an
 * {@link org.greendl.select.ImageSet} (the position in stored order, e.g. the index in the IDX file), so a pool, a
 * labelled set and a pruned set are plain {@code int[]}; {@link org.greendl.select.Learner} trains a zoo model,
 * sized by the data's shape and classes, on any id list in any order and probes it for probabilities and penultimate features. Energy comes from an
 * {@link org.greendl.select.EnergyClock} (greendl-meter's tracker on the command line), read around every round
 * and every selection, so the cost of choosing data is always part of the total.
 */
package org.greendl.select;
