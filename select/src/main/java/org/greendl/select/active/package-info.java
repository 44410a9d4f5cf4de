/**
 * Method card: pool-based active learning with batch queries.
 *
 * <p><b>What it does.</b> Start from a small random labelled set; each round train the model, measure it on the
 * test set, score every unlabelled pool example and ask for the labels of the {@code query} best ones.
 * Strategies ({@link org.greendl.select.active.Strategies}): {@code random} (the baseline),
 * {@code least-confidence} (Lewis and Gale 1994), {@code margin} (Scheffer et al. 2001), {@code entropy}
 * (Shannon), {@code bald} (Houlsby et al. 2011 via MC dropout, Gal, Islam and Ghahramani 2017, "Deep Bayesian
 * Active Learning with Image Data"), {@code k-center} greedy core-set on penultimate features (Sener and Savarese
 * 2018, "Active Learning for Convolutional Neural Networks: A Core-Set Approach"). Every strategy is a pure
 * function of probabilities or embeddings ({@link org.greendl.select.active.Uncertainty},
 * {@link org.greendl.select.active.KCenterGreedy}); {@link org.greendl.select.active.ActiveLearning} is the loop.
 * BALD's T stochastic passes run through the classifier head only
 * ({@link org.greendl.select.active.LastLayerDropout}): for {@code cnn}, whose only dropout sits before the last
 * linear layer, that is exact MC dropout at a fraction of the cost; for other models it is last-layer MC dropout.
 *
 * <p><b>Labels.</b> Simulation takes them from the held-back ground truth. The file loop exports each query as
 * {@code queries/round-NN/queries.csv} plus one PNG per image, pauses, and imports the filled CSV (class index or
 * name) with {@code --import-labels}; unknown ids or classes, missing labels and conflicting duplicates are
 * refused with one line and the saved {@link org.greendl.select.active.PoolState} stays as it was.
 *
 * <p><b>When to use.</b> When labels are the expensive part (a person labels) and a model is cheap to retrain.
 * Independent studies (e.g. Munjal et al. 2022, "Towards Robust and Reproducible Active Learning") find that
 * many methods barely beat random sampling once training is tuned, so always run {@code random} beside it: the
 * benchmark does. Selection is not free: scoring a 60,000-image pool is an inference pass per round (counted in
 * {@code selection_kwh}); {@code --candidates N} scores a random subset instead.
 *
 * <p><b>Settings.</b> Batch queries of 1-2 % of the pool; retrain from scratch each round (the default; warm
 * start is cheaper but biased towards the first rounds); margin is a strong, cheap default; BALD with 20 passes.
 *
 * <p><b>What we measured.</b> Reduced runs only (benchmarks/select-active/results-reduced.md): lenet5, pool of
 * 20,000, 500 + 6 x 500 labels, 3 seeds. Margin reached random's final accuracy with 77 % of its labels,
 * least-confidence 82 %; entropy, BALD and k-center did not reach it. Selection added 26-45 % to the training
 * energy (k-center about 100 %). The cnn experiment (10,000 labels) is in benchmarks/select-active.
 */
package org.greendl.select.active;
