package org.greendl.compress.lowrank;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Thin singular value decomposition A = U diag(s) V^T of a dense row-major matrix by one-sided Jacobi
 * rotations (Hestenes), in double precision. DJL's NDArray has no SVD, and the matrices we factorize (a few
 * thousand by a few hundred) take well under a second this way. Rotations act on the columns of whichever
 * of A or A^T has fewer columns, so the cost is O(min(m,n)^2 max(m,n)) per sweep.
 */
public final class Svd {
    private static final double EPS = 1e-12;
    private static final int MAX_SWEEPS = 60;

    /** Singular values in descending order; u[k] (length m) and v[k] (length n) are the k-th vectors. */
    public record Result(double[] s, double[][] u, double[][] v) {
        public int rank() {
            return s.length;
        }
    }

    private Svd() {}

    public static Result decompose(float[] a, int m, int n) {
        boolean transpose = n > m;
        int rows = transpose ? n : m; // the working matrix B is rows x cols with cols <= rows
        int cols = transpose ? m : n;
        double[][] b = new double[cols][rows]; // column-major: b[j] is column j
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (transpose) {
                    b[i][j] = a[i * n + j];
                } else {
                    b[j][i] = a[i * n + j];
                }
            }
        }
        double[][] v = new double[cols][cols];
        for (int i = 0; i < cols; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int i = 0; i < cols - 1; i++) {
                for (int j = i + 1; j < cols; j++) {
                    double alpha = dot(b[i], b[i]);
                    double beta = dot(b[j], b[j]);
                    double gamma = dot(b[i], b[j]);
                    if (Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta) || gamma == 0) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    rotate(b[i], b[j], c, s);
                    rotate(v[i], v[j], c, s);
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] sigma = new double[cols];
        for (int k = 0; k < cols; k++) {
            sigma[k] = Math.sqrt(dot(b[k], b[k]));
        }
        Integer[] order = new Integer[cols];
        for (int k = 0; k < cols; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> -sigma[k]));
        double[] s = new double[cols];
        double[][] left = new double[cols][];
        double[][] right = new double[cols][];
        for (int r = 0; r < cols; r++) {
            int k = order[r];
            s[r] = sigma[k];
            double[] col = b[k].clone();
            if (sigma[k] > 0) {
                for (int i = 0; i < col.length; i++) {
                    col[i] /= sigma[k];
                }
            }
            // B = A (or A^T) = W diag(s) V^T, with W = normalized columns of the rotated B.
            left[r] = transpose ? v[k] : col;
            right[r] = transpose ? col : v[k];
        }
        return new Result(s, left, right);
    }

    private static double dot(double[] x, double[] y) {
        double acc = 0;
        for (int i = 0; i < x.length; i++) {
            acc += x[i] * y[i];
        }
        return acc;
    }

    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double yi = y[i];
            x[i] = c * xi - s * yi;
            y[i] = s * xi + c * yi;
        }
    }
}
