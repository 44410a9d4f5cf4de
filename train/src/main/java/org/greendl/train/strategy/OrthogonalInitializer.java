package org.greendl.train.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Orthogonal initialization (Saxe et al. 2014): the weight, seen as a matrix of {@code shape[0]} rows by the
 * product of the other dimensions, gets orthonormal rows (or columns, when there are more rows than columns),
 * scaled by {@code gain}. Made from an engine-random Gaussian matrix (so the engine seed governs it) by
 * modified Gram-Schmidt in double precision.
 */
public final class OrthogonalInitializer implements Initializer {
    private final double gain;

    public OrthogonalInitializer(double gain) {
        this.gain = gain;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        int rows = (int) shape.get(0);
        int cols = (int) (shape.size() / rows);
        float[] gaussian;
        try (NDArray g = manager.randomNormal(new Shape(rows, cols))) {
            gaussian = g.toFloatArray();
        }
        boolean transpose = rows > cols;
        int n = transpose ? cols : rows;
        int m = transpose ? rows : cols;
        double[][] v = new double[n][m];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double x = gaussian[i * cols + j];
                if (transpose) {
                    v[j][i] = x;
                } else {
                    v[i][j] = x;
                }
            }
        }
        orthonormalizeRows(v);
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) (gain * (transpose ? v[j][i] : v[i][j]));
            }
        }
        return manager.create(out, shape).toType(dataType, false);
    }

    /** Modified Gram-Schmidt over the rows of {@code v} (needs rows <= columns). */
    static void orthonormalizeRows(double[][] v) {
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < v[i].length; j++) {
                    dot += v[i][j] * v[k][j];
                }
                for (int j = 0; j < v[i].length; j++) {
                    v[i][j] -= dot * v[k][j];
                }
            }
            double norm = 0;
            for (double x : v[i]) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] /= norm;
            }
        }
    }
}
