package org.greendl.data.spec;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy's {@code .npy} format: the magic {@code \x93NUMPY}, a version, a header length (2 bytes in
 * version 1, 4 in versions 2 and 3), a Python dict literal with {@code descr}, {@code fortran_order} and
 * {@code shape}, then the raw values. Types: {@code u1}, {@code i1}, {@code i4}, {@code i8}, {@code f4},
 * {@code f8} in either byte order; C order only.
 */
final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {}

    /** Reads one array; {@code where} names it in errors (e.g. {@code data.npz:x_train.npy}). */
    static NpyArray read(InputStream raw, String name, String where) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] magic = new byte[6];
        if (in.readNBytes(magic, 0, 6) != 6 || !java.util.Arrays.equals(magic, MAGIC)) {
            throw new DataInputException(where + ": not a .npy array (no \\x93NUMPY magic)");
        }
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        long headerLength = major == 1
                ? (in.readUnsignedByte() | in.readUnsignedByte() << 8)
                : (in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16
                        | (long) in.readUnsignedByte() << 24);
        if (headerLength > 1 << 20) {
            throw new DataInputException(where + ": .npy header of " + headerLength + " bytes (too large)");
        }
        String header = new String(in.readNBytes((int) headerLength), StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, where, "descr");
        if ("True".equals(group(FORTRAN, header, where, "fortran_order"))) {
            throw new DataInputException(where + ": Fortran-ordered array (save it in C order: np.ascontiguousarray)");
        }
        List<Long> dims = new ArrayList<>();
        for (String d : group(SHAPE, header, where, "shape").split(",")) {
            if (!d.isBlank()) {
                dims.add(Long.parseLong(d.trim()));
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String type = descr.replaceAll("^[<>|=]", "");
        int width = switch (type) {
            case "u1", "i1", "b1" -> 1;
            case "i4", "f4" -> 4;
            case "i8", "f8" -> 8;
            default -> throw new DataInputException(where + ": dtype '" + descr
                    + "' not supported (expected uint8, int8, int32, int64, float32 or float64)");
        };
        if (length * width > Integer.MAX_VALUE - 16) {
            throw new DataInputException(where + ": " + length + " values (too large)");
        }
        byte[] data = in.readNBytes((int) (length * width));
        if (data.length != length * width) {
            throw new DataInputException(where + ": truncated (header declares " + length * width + " bytes, found "
                    + data.length + ")");
        }
        if (type.equals("u1") || type.equals("b1")) {
            return new NpyArray(name, shape, type, data, null);
        }
        ByteBuffer buffer = ByteBuffer.wrap(data).order(order);
        double[] values = new double[(int) length];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (type) {
                case "i1" -> buffer.get();
                case "i4" -> buffer.getInt();
                case "i8" -> buffer.getLong();
                case "f4" -> buffer.getFloat();
                default -> buffer.getDouble();
            };
        }
        return new NpyArray(name, shape, type, null, values);
    }

    private static String group(Pattern p, String header, String where, String key) throws DataInputException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new DataInputException(where + ": .npy header lacks '" + key + "'");
        }
        return m.group(1);
    }
}
