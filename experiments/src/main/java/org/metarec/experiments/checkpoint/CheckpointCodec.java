package org.metarec.experiments.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.metarec.experiments.io.AtomicFiles;

/**
 * Encodes checkpoints in metarec checkpoint format version 1 (all integers big-endian):
 * <pre>
 * magic      8 bytes  'M' 'R' 'C' 'K' 'P' 'T' '\r' '\n'
 * version    u32      1
 * bodyLength u64      number of body bytes
 * body       step (i64); strings; tensors; long arrays (each section: u32 count, entries sorted by name)
 * checksum   32 bytes SHA-256 of the body
 * </pre>
 * A string is a u32 byte length and UTF-8 bytes; a tensor entry is name, rank (u32), rank dims (u32 each) and
 * product(dims) IEEE-754 doubles (raw bits, i64 each); a long-array entry is name, length (u32) and that many i64.
 * See {@code docs/checkpoints.md}.
 */
public final class CheckpointCodec {

    /** The first 8 bytes of every checkpoint; the CR LF catches files mangled by text-mode transfers. */
    static final byte[] MAGIC = {'M', 'R', 'C', 'K', 'P', 'T', '\r', '\n'};

    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    private static final int HEADER = MAGIC.length + 4 + 8;
    private static final int CHECKSUM = 32;

    private CheckpointCodec() {
    }

    /** The bytes of {@code checkpoint}. */
    public static byte[] encode(Checkpoint checkpoint) {
        byte[] body = body(checkpoint);
        ByteBuffer buf = ByteBuffer.allocate(HEADER + body.length + CHECKSUM);
        buf.put(MAGIC).putInt(VERSION).putLong(body.length).put(body).put(sha256(body));
        return buf.array();
    }

    private static byte[] body(Checkpoint c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(c.step());
            out.writeInt(c.strings().size());
            for (Map.Entry<String, String> e : c.strings().entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            out.writeInt(c.arrays().size());
            for (Map.Entry<String, Checkpoint.Array> e : c.arrays().entrySet()) {
                writeString(out, e.getKey());
                int[] shape = e.getValue().shape();
                out.writeInt(shape.length);
                for (int d : shape) {
                    out.writeInt(d);
                }
                for (double v : e.getValue().values()) {
                    out.writeLong(Double.doubleToRawLongBits(v));
                }
            }
            out.writeInt(c.longs().size());
            for (Map.Entry<String, long[]> e : c.longs().entrySet()) {
                writeString(out, e.getKey());
                out.writeInt(e.getValue().length);
                for (long v : e.getValue()) {
                    out.writeLong(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /**
     * Decodes checkpoint bytes.
     *
     * @param bytes  the whole file
     * @param source the file name, used in errors
     * @throws CheckpointException naming {@code source} and what is wrong (magic, version, truncation, checksum, structure)
     */
    public static Checkpoint decode(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new CheckpointException(source + ": expected a metarec checkpoint (magic MRCKPT\\r\\n), found "
                    + (bytes.length < MAGIC.length ? "a file of " + bytes.length + " bytes" : "other content"));
        }
        if (bytes.length < HEADER) {
            throw new CheckpointException(source + ": truncated: expected a " + HEADER + "-byte header, found " + bytes.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        buf.position(MAGIC.length);
        int version = buf.getInt();
        if (version != VERSION) {
            throw new CheckpointException(source + ": expected checkpoint format version " + VERSION + ", found " + version);
        }
        long bodyLength = buf.getLong();
        long expected = HEADER + bodyLength + CHECKSUM;
        if (bodyLength < 0 || expected != bytes.length) {
            throw new CheckpointException(source + ": truncated or padded: expected " + expected + " bytes (body of "
                    + bodyLength + "), found " + bytes.length);
        }
        byte[] body = Arrays.copyOfRange(bytes, HEADER, HEADER + (int) bodyLength);
        byte[] stored = Arrays.copyOfRange(bytes, HEADER + (int) bodyLength, bytes.length);
        if (!MessageDigest.isEqual(stored, sha256(body))) {
            throw new CheckpointException(source + ": checksum mismatch: the file is corrupt (expected the SHA-256 of the body, found different bytes)");
        }
        try {
            return parseBody(ByteBuffer.wrap(body), source);
        } catch (BufferUnderflowException | IllegalArgumentException | CharacterCodingException e) {
            // The checksum matched, so this is a file written by a broken writer rather than a damaged one.
            throw new CheckpointException(source + ": malformed body: " + e.getMessage());
        }
    }

    private static Checkpoint parseBody(ByteBuffer in, String source) throws CharacterCodingException {
        long step = in.getLong();
        Map<String, String> strings = new TreeMap<>();
        for (int i = count(in, "strings"); i > 0; i--) {
            strings.put(readString(in), readString(in));
        }
        Map<String, Checkpoint.Array> arrays = new TreeMap<>();
        for (int i = count(in, "tensors"); i > 0; i--) {
            String name = readString(in);
            int[] shape = new int[count(in, "dimensions of " + name)];
            long size = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = count(in, "dimension of " + name);
                // Keeps size <= remaining / 8, so the product cannot overflow.
                if (shape[d] != 0 && size > in.remaining() / 8 / shape[d]) {
                    throw new IllegalArgumentException("tensor " + name + " needs more bytes than remain");
                }
                size *= shape[d];
            }
            double[] values = new double[(int) size];
            for (int k = 0; k < values.length; k++) {
                values[k] = Double.longBitsToDouble(in.getLong());
            }
            arrays.put(name, new Checkpoint.Array(shape, values));
        }
        Map<String, long[]> longs = new TreeMap<>();
        for (int i = count(in, "long arrays"); i > 0; i--) {
            String name = readString(in);
            int n = count(in, "length of " + name);
            if ((long) n * 8 > in.remaining()) {
                throw new IllegalArgumentException("long array " + name + " needs more bytes than remain");
            }
            long[] values = new long[n];
            for (int k = 0; k < n; k++) {
                values[k] = in.getLong();
            }
            longs.put(name, values);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " unexpected bytes after the last entry");
        }
        if (step < 0) {
            throw new IllegalArgumentException("negative step " + step);
        }
        return new Checkpoint(step, arrays, longs, strings);
    }

    private static int count(ByteBuffer in, String what) {
        int n = in.getInt();
        if (n < 0 || n > in.capacity()) {
            throw new IllegalArgumentException("implausible count of " + what + ": " + n);
        }
        return n;
    }

    private static String readString(ByteBuffer in) throws CharacterCodingException {
        int n = count(in, "string bytes");
        if (n > in.remaining()) {
            throw new IllegalArgumentException("string of " + n + " bytes but only " + in.remaining() + " remain");
        }
        ByteBuffer slice = in.slice().limit(n);
        in.position(in.position() + n);
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
    }

    /** Writes {@code checkpoint} to {@code file} atomically: a crash leaves the previous checkpoint intact. */
    public static void write(Path file, Checkpoint checkpoint) throws IOException {
        AtomicFiles.writeBytes(file, encode(checkpoint));
    }

    /**
     * Reads and verifies a checkpoint file.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws CheckpointException when it is not a valid checkpoint
     */
    public static Checkpoint read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
