package org.greendl.profile;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the settings of DJL 0.36 core blocks that DJL keeps private (a Linear's units, a BatchNorm's epsilon)
 * or hides inside lambdas (a pooling block's kernel). The profiler, the block-spec serializer and exporters
 * all need them; DJL's pooling and activation blocks are {@link LambdaBlock}s whose only public trait is a
 * name. Reflection is pinned to DJL 0.36 and guarded by tests: a DJL upgrade that moves a field fails them.
 */
public final class DjlBlocks {
    private DjlBlocks() {}

    /** A pooling block's settings; {@code kernel} etc. are empty for global pooling. */
    public record PoolSpec(
            String op, boolean global, int dims, long[] kernel, long[] stride, long[] padding, boolean ceilMode,
            boolean countIncludePad) {}

    private static final Map<String, String> ACTIVATIONS = Map.of(
            "ReLU", "relu", "ReLU6", "relu6", "sigmoid", "sigmoid", "Tanh", "tanh", "GELU", "gelu",
            "SELU", "selu", "Mish", "mish", "softPlus", "softplus", "softSign", "softsign");

    /** The name DJL gave a lambda block ("ReLU", "maxPool2d", "batchFlatten", ...). */
    public static String lambdaName(LambdaBlock block) {
        return block.getName();
    }

    /** Canonical activation name (relu, relu6, sigmoid, tanh, gelu, selu, mish, softplus, softsign). */
    public static Optional<String> activation(Block block) {
        if (block instanceof LambdaBlock l) {
            return Optional.ofNullable(ACTIVATIONS.get(l.getName()));
        }
        return Optional.empty();
    }

    public static boolean isFlatten(Block block) {
        return block instanceof LambdaBlock l && "batchFlatten".equals(l.getName()) && captured(l).isEmpty();
    }

    public static boolean isIdentity(Block block) {
        return block instanceof LambdaBlock l && "identity".equals(l.getName());
    }

    /** Settings of a pooling block made by {@code ai.djl.nn.pooling.Pool.*Block}, if it is one. */
    public static Optional<PoolSpec> pool(Block block) {
        if (!(block instanceof LambdaBlock l)) {
            return Optional.empty();
        }
        String name = l.getName();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean global = lower.startsWith("global");
        String rest = global ? lower.substring("global".length()) : lower;
        String op;
        if (rest.startsWith("maxpool")) {
            op = "max";
        } else if (rest.startsWith("avgpool")) {
            op = "avg";
        } else {
            return Optional.empty();
        }
        int dims = name.charAt(name.length() - 2) - '0';
        if (!name.endsWith("d") || dims < 1 || dims > 3) {
            return Optional.empty();
        }
        if (global) {
            return Optional.of(new PoolSpec(op, true, dims, new long[0], new long[0], new long[0], false, true));
        }
        List<Object> args = captured(l);
        if (args.size() < 4) {
            throw new IllegalStateException("cannot read the settings of pooling block " + name
                    + " (DJL internals changed; expected kernel, stride, padding, ceilMode)");
        }
        boolean countIncludePad = args.size() < 5 || (Boolean) args.get(4);
        return Optional.of(new PoolSpec(op, false, dims, ((Shape) args.get(0)).getShape(),
                ((Shape) args.get(1)).getShape(), ((Shape) args.get(2)).getShape(), (Boolean) args.get(3),
                countIncludePad));
    }

    /** Units of a Linear block. */
    public static long linearUnits(Linear linear) {
        return (Long) read(linear, Linear.class, "units");
    }

    public static boolean linearHasBias(Linear linear) {
        return linear.getDirectParameters().contains("bias");
    }

    /** BatchNorm settings. */
    public record BatchNormSpec(int axis, float epsilon, float momentum, boolean center, boolean scale) {}

    public static BatchNormSpec batchNorm(BatchNorm bn) {
        return new BatchNormSpec((Integer) read(bn, BatchNorm.class, "axis"),
                (Float) read(bn, BatchNorm.class, "epsilon"), (Float) read(bn, BatchNorm.class, "momentum"),
                (Boolean) read(bn, BatchNorm.class, "center"), (Boolean) read(bn, BatchNorm.class, "scale"));
    }

    /** LayerNorm settings; {@code axis} null means DJL's default (every axis but the batch). */
    public record LayerNormSpec(int[] axis, float epsilon, boolean center, boolean scale) {}

    public static LayerNormSpec layerNorm(LayerNorm ln) {
        int[] axis = (int[]) read(ln, LayerNorm.class, "axis");
        return new LayerNormSpec(axis == null ? null : axis.clone(),
                (Float) read(ln, LayerNorm.class, "epsilon"), (Boolean) read(ln, LayerNorm.class, "center"),
                (Boolean) read(ln, LayerNorm.class, "scale"));
    }

    public static float dropoutRate(Dropout dropout) {
        return (Float) read(dropout, Dropout.class, "rate");
    }

    /** The function that joins a ParallelBlock's branch outputs. */
    @SuppressWarnings("unchecked")
    public static Function<List<ai.djl.ndarray.NDList>, ai.djl.ndarray.NDList> parallelJoin(ParallelBlock block) {
        return (Function<List<ai.djl.ndarray.NDList>, ai.djl.ndarray.NDList>) read(block, ParallelBlock.class,
                "function");
    }

    /** Values a lambda block's function captured (for {@code LambdaBlock.singleton}, those of the inner one). */
    static List<Object> captured(LambdaBlock block) {
        Object fn = read(block, LambdaBlock.class, "lambda");
        List<Object> outer = capturedArgs(fn);
        if (outer.size() == 1 && outer.get(0) instanceof Function<?, ?> inner && inner.getClass().isSynthetic()) {
            return capturedArgs(inner);
        }
        return outer;
    }

    private static List<Object> capturedArgs(Object lambda) {
        List<Object> values = new ArrayList<>();
        if (lambda == null || !lambda.getClass().isSynthetic()) {
            return values;
        }
        Field[] fields = lambda.getClass().getDeclaredFields();
        Arrays.sort(fields, Comparator.comparing(Field::getName, Comparator.comparingInt(String::length)
                .thenComparing(Comparator.naturalOrder())));
        for (Field f : fields) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                f.setAccessible(true);
                values.add(f.get(lambda));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot read captured settings of " + lambda.getClass(), e);
            }
        }
        return values;
    }

    static Object read(Object target, Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + owner.getSimpleName() + "." + name
                    + " (DJL internals changed?)", e);
        }
    }
}
