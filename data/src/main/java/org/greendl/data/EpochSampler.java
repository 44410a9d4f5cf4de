package org.greendl.data;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Batches of indices, shuffled by a random source seeded from {@code seed} and the epoch (not from a running
 * generator), so any epoch's order can be reproduced on its own.
 */
public final class EpochSampler implements Sampler, EpochAware {
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private volatile int epoch;

    public EpochSampler(int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    @Override
    public void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }

    public boolean shuffles() {
        return shuffle;
    }

    /** The order of positions {@code 0..size-1} for the current epoch. */
    public int[] order(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random r = new Random(Seeds.mix(seed, epoch, 0x5eed));
            for (int i = size - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
        int[] order = order(Math.toIntExact(dataset.size()));
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public List<Long> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(order.length, next + batchSize);
                List<Long> batch = new ArrayList<>(end - next);
                for (int i = next; i < end; i++) {
                    batch.add((long) order[i]);
                }
                next = end;
                return batch;
            }
        };
    }

    @Override
    public int getBatchSize() {
        return batchSize;
    }
}
