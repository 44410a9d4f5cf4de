package org.greendl.deploy.profile;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What shape inference knows of one tensor: its ONNX element type, its dimensions, and for small integer
 * tensors (shapes, axes, indices) their values, because Reshape, Slice and Unsqueeze read shapes computed in
 * the graph ({@code Shape -> Gather -> Concat} in PyTorch exports).
 */
record Tensor(int type, long[] dims, long[] value) {
    /** Integer tensors up to this many elements carry their values. */
    static final int MAX_VALUE_ELEMENTS = 64;

    static Tensor of(int type, long... dims) {
        return new Tensor(type, dims, null);
    }

    static Tensor ints(long... value) {
        return new Tensor(TensorProto.DataType.INT64.getNumber(), new long[] {value.length}, value);
    }

    static Tensor scalarInt(long v) {
        return new Tensor(TensorProto.DataType.INT64.getNumber(), new long[0], new long[] {v});
    }

    int rank() {
        return dims.length;
    }

    long elements() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    boolean floating() {
        return isFloating(type);
    }

    Tensor withDims(long[] newDims) {
        return new Tensor(type, newDims, value != null && product(newDims) == value.length ? value : null);
    }

    static boolean isFloating(int type) {
        return type == 1 || type == 10 || type == 11 || type == 16;
    }

    static boolean isInteger(int type) {
        return type == 2 || type == 3 || type == 4 || type == 5 || type == 6 || type == 7 || type == 12
                || type == 13;
    }

    static long product(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** An initializer or Constant tensor, with its values when it is a small integer tensor. */
    static Tensor fromProto(TensorProto t) {
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long n = product(dims);
        long[] value = null;
        if (isInteger(t.getDataType()) && n <= MAX_VALUE_ELEMENTS) {
            value = intValues(t, (int) n);
        }
        return new Tensor(t.getDataType(), dims, value);
    }

    private static long[] intValues(TensorProto t, int n) {
        long[] v = new long[n];
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int width = bytes(t.getDataType());
            if (b.remaining() < (long) n * width) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                v[i] = switch (width) {
                    case 8 -> b.getLong();
                    case 4 -> t.getDataType() == 12 ? Integer.toUnsignedLong(b.getInt()) : b.getInt();
                    case 2 -> t.getDataType() == 4 ? Short.toUnsignedInt(b.getShort()) : b.getShort();
                    default -> t.getDataType() == 2 ? Byte.toUnsignedInt(b.get()) : b.get();
                };
            }
            return v;
        }
        if (t.getInt64DataCount() == n) {
            for (int i = 0; i < n; i++) {
                v[i] = t.getInt64Data(i);
            }
            return v;
        }
        if (t.getInt32DataCount() == n) {
            for (int i = 0; i < n; i++) {
                v[i] = t.getInt32Data(i);
            }
            return v;
        }
        if (t.getUint64DataCount() == n) {
            for (int i = 0; i < n; i++) {
                v[i] = t.getUint64Data(i);
            }
            return v;
        }
        return null;
    }

    /** Bytes per element of an ONNX element type (0 for strings and unknown types). */
    static int bytes(int type) {
        return switch (type) {
            case 1, 6, 12 -> 4;
            case 2, 3, 9 -> 1;
            case 4, 5, 10, 16 -> 2;
            case 7, 11, 13 -> 8;
            default -> 0;
        };
    }

    /** The element type's name as greendl writes it: float32, int64, ... */
    static String typeName(int type) {
        return switch (type) {
            case 1 -> "float32";
            case 2 -> "uint8";
            case 3 -> "int8";
            case 4 -> "uint16";
            case 5 -> "int16";
            case 6 -> "int32";
            case 7 -> "int64";
            case 8 -> "string";
            case 9 -> "bool";
            case 10 -> "float16";
            case 11 -> "float64";
            case 12 -> "uint32";
            case 13 -> "uint64";
            case 16 -> "bfloat16";
            default -> "type" + type;
        };
    }

    @Override
    public String toString() {
        return typeName(type) + Arrays.toString(dims);
    }
}
