package org.greendl.compress.lowrank;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Thin singular value decomposition A = U diag(s) V^T of a dense row-major matrix, in double precision,
 * through the small Gram matrix: with B the orientation of A that has fewer columns (k = min(m, n)),
 * B^T B = W diag(s^2) W^T is diagonalised by cyclic Jacobi rotations and the other vectors follow as
 * B W / s. DJL's NDArray has no SVD; this takes about a second for the cnn's 256 x 3136 layer. Singular values
 * below 1e-7 of the largest are known only roughly (the Gram matrix squares the condition number), which is
 * harmless for truncation, where they are dropped first.
 */
public final class Svd {
    private static final int MAX_SWEEPS = 50;

    /** Singular values in descending order; u[k] (length m) and v[k] (length n) are the k-th vectors. */
    public record Result(double[] s, double[][] u, double[][] v) {
        public int rank() {
            return s.length;
        }
    }

    private Svd() {}

    public static Result decompose(float[] a, int m, int n) {
        boolean transpose = n > m;
        int rows = transpose ? n : m;
        int cols = transpose ? m : n;
        double[][] b = new double[cols][rows]; // b[j] is column j of B (B = A, or A^T when A is wide)
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (transpose) {
                    b[i][j] = a[i * n + j];
                } else {
                    b[j][i] = a[i * n + j];
                }
            }
        }
        double[][] g = new double[cols][cols];
        for (int i = 0; i < cols; i++) {
            for (int j = i; j < cols; j++) {
                double d = dot(b[i], b[j]);
                g[i][j] = d;
                g[j][i] = d;
            }
        }
        double[][] w = eigenvectors(g); // g becomes diagonal; w[k] is the k-th eigenvector
        double[] sigma = new double[cols];
        for (int k = 0; k < cols; k++) {
            sigma[k] = Math.sqrt(Math.max(0, g[k][k]));
        }
        Integer[] order = new Integer[cols];
        for (int k = 0; k < cols; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> -sigma[k]));
        double largest = cols == 0 ? 0 : sigma[order[0]];
        double[] s = new double[cols];
        double[][] left = new double[cols][];
        double[][] right = new double[cols][];
        for (int r = 0; r < cols; r++) {
            int k = order[r];
            s[r] = sigma[k];
            double[] other = new double[rows]; // B w_k / s_k
            if (sigma[k] > 1e-12 * largest && sigma[k] > 0) {
                for (int j = 0; j < cols; j++) {
                    double c = w[k][j] / sigma[k];
                    if (c != 0) {
                        double[] col = b[j];
                        for (int i = 0; i < rows; i++) {
                            other[i] += col[i] * c;
                        }
                    }
                }
            }
            // B = Other diag(s) W^T; A = B or B^T.
            left[r] = transpose ? w[k] : other;
            right[r] = transpose ? other : w[k];
        }
        return new Result(s, left, right);
    }

    /** Cyclic Jacobi: diagonalises symmetric {@code a} in place, returns the eigenvectors (as rows). */
    private static double[][] eigenvectors(double[][] a) {
        int n = a.length;
        double[][] v = new double[n][n]; // v[k] = k-th eigenvector, i.e. column k of V stored as a row
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < n; p++) {
                diag += a[p][p] * a[p][p];
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) { // columns p, q
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    double[] rp = a[p];
                    double[] rq = a[q];
                    for (int k = 0; k < n; k++) { // rows p, q
                        double apk = rp[k];
                        double aqk = rq[k];
                        rp[k] = c * apk - s * aqk;
                        rq[k] = s * apk + c * aqk;
                    }
                    double[] vp = v[p];
                    double[] vq = v[q];
                    for (int k = 0; k < n; k++) {
                        double x = vp[k];
                        double y = vq[k];
                        vp[k] = c * x - s * y;
                        vq[k] = s * x + c * y;
                    }
                }
            }
        }
        return v;
    }

    private static double dot(double[] x, double[] y) {
        double acc = 0;
        for (int i = 0; i < x.length; i++) {
            acc += x[i] * y[i];
        }
        return acc;
    }
}
