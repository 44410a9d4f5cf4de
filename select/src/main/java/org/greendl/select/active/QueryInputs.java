package org.greendl.select.active;

/**
 * What a query strategy may look at, for the unlabelled candidates only. Fields a strategy does not
 * {@linkplain QueryStrategy#needs() need} may be null.
 *
 * @param candidates number of unlabelled candidates
 * @param probabilities softmax outputs {@code [candidate][class]} of the deterministic model
 * @param stochasticPasses MC-dropout softmax outputs {@code [pass][candidate][class]}
 * @param candidateEmbeddings penultimate-layer features {@code [candidate][d]}
 * @param labelledEmbeddings penultimate-layer features of the labelled set {@code [labelled][d]}
 */
public record QueryInputs(int candidates, float[][] probabilities, float[][][] stochasticPasses,
        float[][] candidateEmbeddings, float[][] labelledEmbeddings) {

    public static QueryInputs ofProbabilities(float[][] probabilities) {
        return new QueryInputs(probabilities.length, probabilities, null, null, null);
    }

    public static QueryInputs ofPasses(float[][][] passes) {
        return new QueryInputs(passes.length == 0 ? 0 : passes[0].length, null, passes, null, null);
    }

    public static QueryInputs ofEmbeddings(float[][] candidates, float[][] labelled) {
        return new QueryInputs(candidates.length, null, null, candidates, labelled);
    }

    public static QueryInputs ofCount(int candidates) {
        return new QueryInputs(candidates, null, null, null, null);
    }
}
