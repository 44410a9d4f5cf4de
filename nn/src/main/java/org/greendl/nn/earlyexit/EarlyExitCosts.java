package org.greendl.nn.earlyexit;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.greendl.profile.ProfileOptions;
import org.greendl.profile.Profiler;

/** What a sample costs depending on where it leaves an {@link EarlyExitNet}. */
public final class EarlyExitCosts {
    private EarlyExitCosts() {}

    /**
     * MACs a sample has cost when it leaves at exit i: every stage up to i plus every head up to i (a sample
     * that goes on has paid for the heads it did not take). Batch 1 input shape.
     */
    public static long[] cumulativeMacs(EarlyExitNet net, Shape input) {
        int n = net.stages().size();
        long[] out = new long[n];
        Shape[] x = {input};
        long total = 0;
        for (int i = 0; i < n; i++) {
            Block stage = net.stages().get(i);
            Block head = net.heads().get(i);
            total += macs(stage, x);
            x = stage.getOutputShapes(x);
            total += macs(head, x);
            out[i] = total;
        }
        return out;
    }

    /** Total MACs of a run given how many samples left at each exit. */
    public static long totalMacs(long[] cumulativeMacs, long[] exitCounts) {
        long sum = 0;
        for (int i = 0; i < cumulativeMacs.length; i++) {
            sum += cumulativeMacs[i] * exitCounts[i];
        }
        return sum;
    }

    private static long macs(Block b, Shape[] in) {
        return Profiler.profile(b, in, ProfileOptions.defaults()).total().macs();
    }
}
