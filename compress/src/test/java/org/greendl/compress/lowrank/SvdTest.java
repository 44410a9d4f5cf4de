package org.greendl.compress.lowrank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SvdTest {

    @Test
    void reconstructsTallAndWideMatricesWithOrthonormalFactors() {
        for (int[] shape : new int[][] {{7, 5}, {5, 9}, {1, 4}, {30, 30}}) {
            int m = shape[0];
            int n = shape[1];
            float[] a = random(m * n, m + n);
            Svd.Result svd = Svd.decompose(a, m, n);
            assertEquals(Math.min(m, n), svd.rank());
            for (int k = 1; k < svd.rank(); k++) {
                assertTrue(svd.s()[k - 1] >= svd.s()[k], "descending");
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int k = 0; k < svd.rank(); k++) {
                        acc += svd.u()[k][i] * svd.s()[k] * svd.v()[k][j];
                    }
                    assertEquals(a[i * n + j], acc, 1e-5, m + "x" + n + " at " + i + "," + j);
                }
            }
            for (int p = 0; p < svd.rank(); p++) {
                for (int q = 0; q < svd.rank(); q++) {
                    assertEquals(p == q ? 1 : 0, dot(svd.u()[p], svd.u()[q]), 1e-8);
                    assertEquals(p == q ? 1 : 0, dot(svd.v()[p], svd.v()[q]), 1e-8);
                }
            }
        }
    }

    @Test
    void aRankTwoMatrixHasTwoNonZeroSingularValues() {
        float[] a = rankTwo(6, 8, 3);
        Svd.Result svd = Svd.decompose(a, 6, 8);
        assertTrue(svd.s()[1] > 1e-3);
        assertEquals(0, svd.s()[2], 1e-5);
        assertEquals(2, RankPolicy.energy(0.999999).rank(svd.s(), 6, 8));
    }

    @Test
    void rankPolicies() {
        double[] s = {4, 2, 1, 1};
        assertEquals(1, RankPolicy.energy(0.5).rank(s, 4, 4)); // 16 of 22
        assertEquals(2, RankPolicy.energy(0.9).rank(s, 4, 4)); // 20 of 22
        assertEquals(2, RankPolicy.ratio(0.5).rank(s, 4, 10));
        assertEquals(1, RankPolicy.ratio(0.01).rank(s, 4, 10));
        // 0.5 * 256 * 3136 / (256 + 3136) = 118.3
        assertEquals(118, RankPolicy.params(0.5).rank(new double[256], 256, 3136));
    }

    static float[] rankTwo(int m, int n, long seed) {
        float[] u = random(m * 2, seed);
        float[] v = random(n * 2, seed + 1);
        float[] a = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = u[i * 2] * v[j * 2] + u[i * 2 + 1] * v[j * 2 + 1];
            }
        }
        return a;
    }

    static float[] random(int size, long seed) {
        Random rnd = new Random(seed);
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }

    static double dot(double[] x, double[] y) {
        double acc = 0;
        for (int i = 0; i < x.length; i++) {
            acc += x[i] * y[i];
        }
        return acc;
    }
}
