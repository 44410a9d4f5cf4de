package org.greendl.train.strategy;

import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import ai.djl.training.listener.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.greendl.train.TrainingConfig;

/** The strategies by name: parsing {@code --strategy} lists and applying them to a model and its settings. */
public final class Strategies {
    /** Every strategy name, with its settings, in the order the help lists them. */
    public static final List<String> KNOWN = List.of("freeze[:START[:LEVEL]]", "warmup-cosine[:WARMUP_SHARE]",
            "label-smoothing[:EPS]", "stochastic-depth[:P]", "init-kaiming", "init-xavier", "init-orthogonal",
            "no-batchnorm", "grad-accum[:K]", "grow[:AT]", "widen[:AT]", "fp16");

    private Strategies() {}

    /** The known names, comma-separated, for error messages and help. */
    public static String knownList() {
        return String.join(", ", KNOWN);
    }

    /**
     * Parses a comma-separated list such as {@code freeze,warmup-cosine:0.1}; {@code none} or blank is the
     * empty list.
     *
     * @throws IllegalArgumentException one line: an unknown name (listing the known ones), a bad setting, a name
     *     given twice
     * @throws UnsupportedOperationException fp16 where it is refused (on CPU), with the reason
     */
    public static List<Strategy> parse(String list) {
        List<Strategy> out = new ArrayList<>();
        if (list == null || list.isBlank() || list.trim().equalsIgnoreCase("none")) {
            return out;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String item : list.split(",")) {
            String spec = item.trim().toLowerCase(Locale.ROOT);
            Settings s = new Settings(spec);
            Strategy strategy = switch (s.name()) {
                case LayerFreezing.NAME -> LayerFreezing.parse(s);
                case WarmupCosine.NAME -> WarmupCosine.parse(s);
                case LabelSmoothing.NAME -> LabelSmoothing.parse(s);
                case StochasticDepth.NAME -> StochasticDepth.parse(s);
                case GradientAccumulation.NAME -> GradientAccumulation.parse(s);
                case ProgressiveGrowing.NAME, ProgressiveGrowing.WIDEN -> ProgressiveGrowing.parse(s);
                case "init-kaiming" -> noSettings(s, new Initialization(Initialization.Kind.KAIMING));
                case "init-xavier" -> noSettings(s, new Initialization(Initialization.Kind.XAVIER));
                case "init-orthogonal" -> noSettings(s, new Initialization(Initialization.Kind.ORTHOGONAL));
                case NoBatchNorm.NAME -> noSettings(s, new NoBatchNorm());
                case MixedPrecision.NAME -> {
                    noSettings(s, new MixedPrecision());
                    MixedPrecision.refuse(Engine.getInstance().defaultDevice());
                    yield new MixedPrecision();
                }
                default -> throw new IllegalArgumentException("unknown strategy '" + spec + "' (known: "
                        + knownList() + ")");
            };
            String family = strategy instanceof Initialization ? "init-*"
                    : strategy instanceof ProgressiveGrowing ? "grow/widen" : s.name();
            if (!names.add(family)) {
                throw new IllegalArgumentException("strategy '" + family + "' given twice in '" + list + "'");
            }
            out.add(strategy);
        }
        return out;
    }

    private static Strategy noSettings(Settings s, Strategy strategy) {
        s.atMost(0, s.name() + " without settings");
        return strategy;
    }

    /** The specs of {@code strategies}, comma-separated ({@code none} for none), as run.json records them. */
    public static String describe(List<Strategy> strategies) {
        return strategies.isEmpty() ? "none" : strategies.stream().map(Strategy::spec).collect(Collectors.joining(","));
    }

    /**
     * Applies {@code strategies} in order: each changes {@code config} and the block, then adds its listener to
     * the config's listeners; records {@code strategies} under run.json's config. Returns the block to train
     * (possibly rebuilt). Call before the block is initialized.
     */
    public static Block apply(List<Strategy> strategies, Block block, TrainingConfig.Builder config,
            StrategyContext context) {
        Block current = block;
        for (Strategy s : strategies) {
            s.configure(config, context);
            current = s.prepare(current, context);
        }
        List<TrainingListener> listeners = new ArrayList<>(config.build().listeners());
        for (Strategy s : strategies) {
            TrainingListener l = s.listener(current, context);
            if (l != null) {
                listeners.add(l);
            }
        }
        config.optListeners(listeners).putExtra("strategies", describe(strategies));
        return current;
    }
}
