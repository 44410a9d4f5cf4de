package org.greendl.nn.spec;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.greendl.nn.Joins;
import org.greendl.profile.DjlBlocks;
import org.greendl.profile.blocks.BlockDescriptor;
import org.greendl.profile.blocks.BlockDescriptorProvider;

/** Codecs of DJL's core blocks, one descriptor per block kind (registered in META-INF/services). */
public final class CoreCodecs implements BlockDescriptorProvider {
    @Override
    public boolean core() {
        return true;
    }

    @Override
    public List<BlockDescriptor> descriptors() {
        return all().stream().map(c -> BlockDescriptor.of(c.type(), c::supports).with(BlockCodec.class, c)).toList();
    }

    private static List<BlockCodec> all() {
        return List.of(
                codec("sequential", b -> b.getClass() == SequentialBlock.class, CoreCodecs::encodeSequential,
                        CoreCodecs::decodeSequential),
                codec("parallel", b -> b.getClass() == ParallelBlock.class, CoreCodecs::encodeParallel,
                        CoreCodecs::decodeParallel),
                codec("conv2d", b -> b.getClass() == Conv2d.class, CoreCodecs::encodeConv, CoreCodecs::decodeConv),
                codec("linear", b -> b.getClass() == Linear.class, CoreCodecs::encodeLinear,
                        CoreCodecs::decodeLinear),
                codec("batchnorm", b -> b.getClass() == BatchNorm.class, CoreCodecs::encodeBatchNorm,
                        CoreCodecs::decodeBatchNorm),
                codec("layernorm", b -> b.getClass() == LayerNorm.class, CoreCodecs::encodeLayerNorm,
                        CoreCodecs::decodeLayerNorm),
                codec("dropout", b -> b.getClass() == Dropout.class, b -> {
                    ObjectNode o = Json.object();
                    o.put("rate", DjlBlocks.dropoutRate((Dropout) b));
                    return o;
                }, n -> Dropout.builder().optRate(Json.getFloat(n, "rate")).build()),
                codec("activation", b -> DjlBlocks.activation(b).isPresent(), b -> {
                    ObjectNode o = Json.object();
                    o.put("fn", DjlBlocks.activation(b).orElseThrow());
                    return o;
                }, n -> activation(Json.getString(n, "fn"))),
                codec("pool", b -> DjlBlocks.pool(b).isPresent(), CoreCodecs::encodePool, CoreCodecs::decodePool),
                simple("flatten", DjlBlocks::isFlatten, Blocks::batchFlattenBlock),
                simple("identity", DjlBlocks::isIdentity, Blocks::identityBlock));
    }

    private static ObjectNode encodeSequential(Block b) {
        ObjectNode o = Json.object();
        o.set("children", Json.array(b.getChildren().values(), BlockSpecs::toTree));
        return o;
    }

    private static Block decodeSequential(ObjectNode n) {
        SequentialBlock s = new SequentialBlock();
        for (ObjectNode e : Json.objects(n, "children")) {
            s.add(BlockSpecs.fromTree(e));
        }
        return s;
    }

    private static ObjectNode encodeParallel(Block b) {
        String join = Joins.nameOf(DjlBlocks.parallelJoin((ParallelBlock) b));
        if (join == null) {
            throw new IllegalArgumentException("cannot write a ParallelBlock whose join is a custom lambda as a"
                    + " block spec: build it with org.greendl.nn.Joins.SUM or CONCAT_CHANNELS");
        }
        ObjectNode o = Json.object();
        o.put("join", join);
        o.set("children", Json.array(b.getChildren().values(), BlockSpecs::toTree));
        return o;
    }

    private static Block decodeParallel(ObjectNode n) {
        List<Block> children = new ArrayList<>();
        for (ObjectNode e : Json.objects(n, "children")) {
            children.add(BlockSpecs.fromTree(e));
        }
        return new ParallelBlock(Joins.byName(Json.getString(n, "join")), children);
    }

    private static ObjectNode encodeConv(Block b) {
        Conv2d c = (Conv2d) b;
        ObjectNode o = Json.object();
        o.put("filters", c.getFilters());
        o.set("kernel", Json.longs(c.getKernelShape().getShape()));
        o.set("stride", Json.longs(c.getStride().getShape()));
        o.set("padding", Json.longs(c.getPadding().getShape()));
        o.set("dilation", Json.longs(c.getDilation().getShape()));
        o.put("groups", c.getGroups());
        o.put("bias", c.isIncludeBias());
        return o;
    }

    private static Block decodeConv(ObjectNode n) {
        return Conv2d.builder().setFilters(Json.getInt(n, "filters")).setKernelShape(Json.shape(n, "kernel"))
                .optStride(Json.shape(n, "stride")).optPadding(Json.shape(n, "padding"))
                .optDilation(Json.shape(n, "dilation")).optGroups(Json.getInt(n, "groups"))
                .optBias(Json.getBool(n, "bias")).build();
    }

    private static ObjectNode encodeLinear(Block b) {
        Linear l = (Linear) b;
        ObjectNode o = Json.object();
        o.put("units", DjlBlocks.linearUnits(l));
        o.put("bias", DjlBlocks.linearHasBias(l));
        return o;
    }

    private static Block decodeLinear(ObjectNode n) {
        return Linear.builder().setUnits(Json.getLong(n, "units")).optBias(Json.optBool(n, "bias", true)).build();
    }

    private static ObjectNode encodeBatchNorm(Block b) {
        DjlBlocks.BatchNormSpec s = DjlBlocks.batchNorm((BatchNorm) b);
        ObjectNode o = Json.object();
        o.put("axis", s.axis());
        o.put("epsilon", s.epsilon());
        o.put("momentum", s.momentum());
        o.put("center", s.center());
        o.put("scale", s.scale());
        return o;
    }

    private static Block decodeBatchNorm(ObjectNode n) {
        return BatchNorm.builder().optAxis(Json.getInt(n, "axis")).optEpsilon(Json.getFloat(n, "epsilon"))
                .optMomentum(Json.getFloat(n, "momentum")).optCenter(Json.getBool(n, "center"))
                .optScale(Json.getBool(n, "scale")).build();
    }

    private static ObjectNode encodeLayerNorm(Block b) {
        DjlBlocks.LayerNormSpec s = DjlBlocks.layerNorm((LayerNorm) b);
        ObjectNode o = Json.object();
        if (s.axis() != null) {
            o.set("axis", Json.ints(s.axis())); // absent: DJL's default, every axis but the batch
        }
        o.put("epsilon", s.epsilon());
        o.put("center", s.center());
        o.put("scale", s.scale());
        return o;
    }

    private static Block decodeLayerNorm(ObjectNode n) {
        LayerNorm.Builder b = LayerNorm.builder().optEpsilon(Json.getFloat(n, "epsilon"))
                .optCenter(Json.getBool(n, "center")).optScale(Json.getBool(n, "scale"));
        if (n.has("axis")) {
            b.axis(Json.ints(n, "axis"));
        }
        return b.build();
    }

    private static ObjectNode encodePool(Block b) {
        DjlBlocks.PoolSpec p = DjlBlocks.pool(b).orElseThrow();
        ObjectNode o = Json.object();
        o.put("op", p.op());
        o.put("global", p.global());
        o.put("dims", p.dims());
        if (!p.global()) {
            o.set("kernel", Json.longs(p.kernel()));
            o.set("stride", Json.longs(p.stride()));
            o.set("padding", Json.longs(p.padding()));
            o.put("ceil_mode", p.ceilMode());
            if ("avg".equals(p.op())) {
                o.put("count_include_pad", p.countIncludePad());
            }
        }
        return o;
    }

    private static Block decodePool(ObjectNode n) {
        String op = Json.getString(n, "op");
        int dims = Json.getInt(n, "dims");
        if (dims != 2) {
            throw new IllegalArgumentException("pool: only 2-D pooling is supported in block specs, got dims "
                    + dims);
        }
        boolean max = switch (op) {
            case "max" -> true;
            case "avg" -> false;
            default -> throw new IllegalArgumentException("pool: op must be max or avg, got '" + op + "'");
        };
        if (Json.getBool(n, "global")) {
            return max ? Pool.globalMaxPool2dBlock() : Pool.globalAvgPool2dBlock();
        }
        Shape k = Json.shape(n, "kernel");
        Shape s = Json.shape(n, "stride");
        Shape p = Json.shape(n, "padding");
        boolean ceil = Json.getBool(n, "ceil_mode");
        return max ? Pool.maxPool2dBlock(k, s, p, ceil)
                : Pool.avgPool2dBlock(k, s, p, ceil, Json.optBool(n, "count_include_pad", true));
    }

    static Block activation(String fn) {
        return org.greendl.nn.Layers.activation(fn);
    }

    static BlockCodec codec(String type, Predicate<Block> supports, Function<Block, ObjectNode> encode,
            Function<ObjectNode, Block> decode) {
        return new BlockCodec() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public boolean supports(Block block) {
                return supports.test(block);
            }

            @Override
            public ObjectNode encode(Block block) {
                return encode.apply(block);
            }

            @Override
            public Block decode(ObjectNode spec) {
                return decode.apply(spec);
            }
        };
    }

    static BlockCodec simple(String type, Predicate<Block> supports, Supplier<Block> make) {
        return codec(type, supports, b -> Json.object(), n -> make.get());
    }
}
