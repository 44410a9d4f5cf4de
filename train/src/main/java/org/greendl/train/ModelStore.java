package org.greendl.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.greendl.record.AtomicFiles;
import org.greendl.nn.spec.ModelSpec;
import org.greendl.nn.spec.BlockSpecs;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;

/**
 * A model on disk: {@code model.json} (the architecture with its input shape and class count, a {@link ModelSpec}),
 * {@code model.params} (DJL's
 * parameter encoding) and {@code run.json} (how it was made). Each file is written atomically, run.json last,
 * so a folder with a run.json holds a complete model.
 */
public final class ModelStore {
    public static final String ARCHITECTURE = "model.json";
    public static final String PARAMETERS = "model.params";
    public static final String RECORD = "run.json";

    private ModelStore() {}

    public static void save(Path dir, Block block, RunRecord record) throws IOException {
        AtomicFiles.createDirectories(dir);
        String spec = ModelSpec.ofInitialized(block).toJson();
        AtomicFiles.write(dir.resolve(PARAMETERS), out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
            block.saveParameters(data);
            data.flush();
        });
        AtomicFiles.writeString(dir.resolve(ARCHITECTURE), spec + "\n");
        RunRecords.write(dir.resolve(RECORD), record);
    }

    /** Loads a saved model; its parameters live in a new manager that {@link SavedModel#close()} frees. */
    public static SavedModel load(Path dir) throws IOException {
        NDManager manager = NDManager.newBaseManager();
        try {
            return load(dir, manager);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Loads a saved model with its parameters in {@code manager}. */
    public static SavedModel load(Path dir, NDManager manager) throws IOException {
        for (String name : new String[] {RECORD, ARCHITECTURE, PARAMETERS}) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new NotAModelFolderException(dir + ": not a greendl model folder, " + name + " is missing"
                        + " (expected " + RECORD + ", " + ARCHITECTURE + " and " + PARAMETERS + ")");
            }
        }
        RunRecord record = RunRecords.read(dir.resolve(RECORD));
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(Files.readString(dir.resolve(ARCHITECTURE), StandardCharsets.UTF_8));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(dir.resolve(ARCHITECTURE) + ": not a model architecture (not UTF-8 text)", e);
        } catch (RuntimeException e) {
            throw new IOException(dir.resolve(ARCHITECTURE) + ": not a model architecture (" + cut(e.getMessage()) + ")",
                    e);
        }
        Block block = spec.build();
        loadParameters(block, dir.resolve(PARAMETERS), manager);
        return new SavedModel(block, record, spec);
    }

    /**
     * The folder lacks a model's files (a wrong path rather than a damaged model): callers may treat it as the bad
     * argument it is, and a damaged file inside a model folder as a failure.
     */
    public static final class NotAModelFolderException extends IOException {
        public NotAModelFolderException(String message) {
            super(message);
        }
    }

    /** The first line of a message, at most 300 characters: a value echoed from a damaged file may be huge. */
    static String cut(String msg) {
        return org.greendl.record.Json.firstLine(msg);
    }

    /** Reads DJL-encoded parameters into {@code block}, with a one-line error when they do not fit. */
    static void loadParameters(Block block, Path file, NDManager manager) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            block.loadParameters(manager, new DataInputStream(in));
        } catch (MalformedModelException | IOException | RuntimeException e) {
            throw new IOException(file + ": parameters do not match the architecture (" + cut(e.getMessage()) + ")", e);
        } catch (OutOfMemoryError e) {
            // DJL sizes arrays by counts read from the file (Shape.decode, for one) before reading their data, so a
            // damaged count asks for gigabytes at once. That single allocation failed and nothing holds on to it,
            // so the heap is intact: report the file instead of dying.
            throw new IOException(file + ": parameters are damaged (a length in the file asks for more memory than"
                    + " there is)");
        }
        checkSizes(block, file);
    }

    /**
     * Values in a saved input shape, batch included (the shape the block was initialized with): 2^27 holds a batch
     * of 256 ImageNet images twice over, and keeps what later steps allocate from it below a gigabyte.
     */
    static final long MAX_INPUT_ELEMENTS = 1L << 27;

    /**
     * The saved input shapes must be plausible and every parameter's shape must fit in the file it was read from: DJL takes shapes from the file, and a damaged
     * one (a dimension of 2^31) would otherwise surface later as an allocation of exabytes or an overflow.
     */
    static void checkSizes(Block block, Path file) throws IOException {
        Shape[] inputs = block.getInputShapes();
        for (Shape in : inputs == null ? new Shape[0] : inputs) {
            long n = 1;
            for (int i = 0; in != null && i < in.dimension(); i++) {
                long d = in.get(i);
                if (d < -1 || d == 0 || (i > 0 && d < 0)) {
                    throw new IOException(file + ": saved input shape " + in + " has an empty or negative dimension");
                }
                long size = Math.abs(d);
                n = size > MAX_INPUT_ELEMENTS / n ? MAX_INPUT_ELEMENTS + 1 : n * size;
            }
            if (n > MAX_INPUT_ELEMENTS) {
                throw new IOException(file + ": saved input shape " + in + " is larger than any input greendl feeds (more"
                        + " than " + MAX_INPUT_ELEMENTS + " values in all)");
            }
        }
        long fileBytes = Files.size(file);
        long total = 0;
        for (var p : block.getParameters()) {
            if (!p.getValue().isInitialized()) {
                continue;
            }
            var array = p.getValue().getArray();
            long n = 1;
            for (long d : array.getShape().getShape()) {
                if (d < 0 || (d > 0 && n > Long.MAX_VALUE / d)) {
                    n = Long.MAX_VALUE;
                    break;
                }
                n *= d;
            }
            long bytes = n == Long.MAX_VALUE ? n : n * Math.max(1, array.getDataType().getNumOfBytes());
            total = bytes > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + bytes;
            if (total > fileBytes) {
                throw new IOException(file + ": parameter " + p.getKey() + " has shape " + array.getShape()
                        + ", more data than the " + fileBytes + "-byte file holds");
            }
        }
    }
}
