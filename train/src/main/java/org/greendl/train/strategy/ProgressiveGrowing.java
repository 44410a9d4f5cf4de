package org.greendl.train.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.greendl.train.TrainingConfig;

/**
 * Progressive growing: trains a smaller model first and, after {@code AT} of the epochs (default 0.3, at least one
 * epoch, at most all but one), grows it into the full one by a function-preserving transformation and trains on.
 * {@code grow[:AT]} (Net2DeeperNet) starts without the second conv of each stage ({@link Net2Net#shallow}) and
 * puts those layers back as identity functions ({@link Net2Net#deepen}); {@code widen[:AT]} (Net2WiderNet) starts
 * with half the filters in every conv ({@link Net2Wider#narrow}) and widens them by copying filters ({@link
 * Net2Wider#widen}). The early epochs cost less (cnn: 4.6 or 4.9 of its 19.1 million MACs per image), the grown
 * model starts from what the small one learned. run.json's {@code config.growth} records what grew after which
 * epoch, the parameter counts and the largest change of the logits the growing caused on a training batch
 * (inference mode; 0 up to rounding for deeper, the symmetry-breaking noise for wider).
 *
 * <p>One instance per run: {@link #prepare} remembers the layers it took out for the listener to put back.
 */
public final class ProgressiveGrowing implements Strategy {
    public static final String NAME = "grow";
    public static final String WIDEN = "widen";
    /** Noise on the new filter copies' weights, as a share of their layer's weight standard deviation. */
    static final double WIDEN_NOISE = 0.01;

    private final double at;
    private final boolean wider;
    private final List<Map<String, Object>> growth = Collections.synchronizedList(new ArrayList<>());
    private Net2Net.Shallow shallow;
    private Net2Wider.Narrow narrow;
    private long seed;

    /** Net2DeeperNet growing after {@code at} of the epochs. */
    public ProgressiveGrowing(double at) {
        this(at, false);
    }

    /** Growing after {@code at} of the epochs, wider (Net2WiderNet) or deeper (Net2DeeperNet). */
    public ProgressiveGrowing(double at, boolean wider) {
        if (!(at > 0 && at < 1)) {
            throw new IllegalArgumentException(name(wider) + " needs AT in (0, 1), got " + at);
        }
        this.at = at;
        this.wider = wider;
    }

    private static String name(boolean wider) {
        return wider ? WIDEN : NAME;
    }

    static ProgressiveGrowing parse(Settings s) {
        boolean wider = WIDEN.equals(s.name());
        s.atMost(1, name(wider) + "[:AT], e.g. " + name(wider) + ":0.3");
        return new ProgressiveGrowing(s.number(1, 0.3, 0.001, 0.999, "AT"), wider);
    }

    @Override
    public String spec() {
        return String.format(Locale.ROOT, "%s:%s", name(wider), at);
    }

    /** The epoch after which the model grows, for a run of {@code epochs} (>= 2) epochs. */
    public int growAfter(int epochs) {
        return Math.max(1, Math.min(epochs - 1, (int) Math.round(at * epochs)));
    }

    /** What grew when, as run.json records it (filled in during training). */
    public List<Map<String, Object>> growth() {
        return growth;
    }

    @Override
    public void configure(TrainingConfig.Builder config, StrategyContext context) {
        config.putExtra("growth", growth);
    }

    @Override
    public Block prepare(Block block, StrategyContext context) {
        if (block.isInitialized()) {
            throw new IllegalArgumentException(name(wider) + " must be applied before the model is initialized");
        }
        if (context.epochs() < 2) {
            throw new IllegalArgumentException(name(wider) + " needs at least 2 epochs (it grows the model after one "
                    + "of them)");
        }
        seed = context.seed();
        if (wider) {
            narrow = Net2Wider.narrow(block);
            return narrow.block();
        }
        shallow = Net2Net.shallow(block);
        return shallow.block();
    }

    private SequentialBlock small() {
        return wider ? (narrow == null ? null : narrow.block()) : (shallow == null ? null : shallow.block());
    }

    @Override
    public TrainingListener listener(Block block, StrategyContext context) {
        if (small() == null || block != small()) {
            throw new IllegalArgumentException(name(wider) + " must be the last strategy that rebuilds the model");
        }
        int after = growAfter(context.epochs());
        SequentialBlock net = small();
        return new TrainingListenerAdapter() {
            private int epochsDone;
            private float[] sample;
            private Shape sampleShape;

            @Override
            public void onTrainingBatch(Trainer trainer, BatchData data) {
                // The first batch of the epoch before growing sets the new batch norms' statistics.
                if (epochsDone == after - 1 && sample == null) {
                    NDArray x = data.getBatch().getData().head();
                    sample = x.toFloatArray();
                    sampleShape = x.getShape();
                }
            }

            @Override
            public void onEpoch(Trainer trainer) {
                epochsDone++;
                if (epochsDone == after && sample != null) {
                    grow(net, trainer.getModel().getNDManager(), sample, sampleShape, epochsDone);
                    sample = null;
                }
            }
        };
    }

    private void grow(SequentialBlock net, NDManager manager, float[] sample, Shape shape, int epoch) {
        long paramsBefore = trainableParams(net);
        List<String> inserted = new ArrayList<>();
        double change;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(sample, shape);
            NDArray before = logits(net, x, scope);
            if (wider) {
                Shape one = new Shape(1).addAll(shape.slice(1));
                inserted.addAll(Net2Wider.widen(narrow, one, manager, WIDEN_NOISE, new java.util.Random(seed * 31 + 7)));
            } else {
                List<Net2Net.Removed> removed = shallow.removed();
                // Last first, so the positions of the earlier ones stay valid.
                for (int i = removed.size() - 1; i >= 0; i--) {
                    Net2Net.Removed r = removed.get(i);
                    Net2Net.deepen(net, r.position(), r.conv(), r.batchNorm(), r.relu(), x, manager);
                    inserted.add(0, String.format(Locale.ROOT, "conv %dx%d %d filters + batch norm + relu at layer %d",
                            r.conv().getKernelShape().get(0), r.conv().getKernelShape().get(1), r.conv().getFilters(),
                            r.position()));
                }
            }
            NDArray after = logits(net, x, scope);
            change = after.sub(before).abs().max().getFloat();
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("after_epoch", epoch);
        event.put(wider ? "widened" : "inserted", List.copyOf(inserted));
        event.put("params_before", paramsBefore);
        event.put("params_after", trainableParams(net));
        event.put("max_abs_logit_change", change);
        growth.add(Collections.unmodifiableMap(event));
    }

    private static long trainableParams(Block net) {
        return net.getParameters().values().stream().filter(p -> p.requiresGradient() && p.isInitialized())
                .mapToLong(p -> p.getArray().size()).sum();
    }

    private static NDArray logits(Block net, NDArray x, NDManager scope) {
        NDList out = net.forward(new ParameterStore(scope, false), new NDList(x), false);
        return out.head();
    }
}
