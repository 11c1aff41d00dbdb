package org.metarec.core.data.io;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Dense indices of raw ids given as byte ranges of a line, in order of first appearance, without a String per
 * lookup: the bytes of each new id are copied once into one growing array and found again through an
 * open-addressing hash table of ints. Each id carries a small integer tag (the domain, for per-domain item ids),
 * so that the same bytes under two tags are two ids.
 *
 * <p>Parsing 20 million rating lines creates no object per line this way, where a {@code HashMap<String,
 * Integer>} would create a String and often an Integer per field; {@code docs/benchmarks.md} has the figures.
 */
final class ByteIdTable {

    private byte[] bytes = new byte[1 << 12];
    private int used;
    private int[] starts = new int[256];   // key k is bytes[starts[k] .. starts[k + 1]), its tag tags[k]
    private int[] tags = new int[256];
    private int[] hashes = new int[256];
    private int size;
    private int[] slots = new int[1 << 10]; // key index + 1, or 0 for an empty slot
    private int mask = slots.length - 1;

    /** The index of the id {@code buf[from .. to)} with {@code tag}, adding it if new. */
    int add(int tag, byte[] buf, int from, int to) {
        int h = hash(tag, buf, from, to);
        int slot = h & mask;
        while (true) {
            int k = slots[slot] - 1;
            if (k < 0) {
                return insert(slot, h, tag, buf, from, to);
            }
            if (hashes[k] == h && tags[k] == tag && equal(k, buf, from, to)) {
                return k;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The number of ids. */
    int size() {
        return size;
    }

    /** The tag of id {@code k}. */
    int tag(int k) {
        return tags[k];
    }

    /** The bytes of id {@code k} decoded with {@code charset}. */
    String text(int k, Charset charset) {
        int from = starts[k];
        int to = k + 1 < size ? starts[k + 1] : used;
        return new String(bytes, from, to - from, charset);
    }

    private int insert(int slot, int h, int tag, byte[] buf, int from, int to) {
        int n = to - from;
        if (used + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + n));
        }
        System.arraycopy(buf, from, bytes, used, n);
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            tags = Arrays.copyOf(tags, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        starts[size] = used;
        tags[size] = tag;
        hashes[size] = h;
        used += n;
        slots[slot] = ++size;
        // Keep the table at most half full, so that probe sequences stay short.
        if (2 * size > slots.length) {
            rehash(slots.length * 2);
        }
        return size - 1;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        mask = capacity - 1;
        for (int k = 0; k < size; k++) {
            int slot = hashes[k] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = k + 1;
        }
    }

    private boolean equal(int k, byte[] buf, int from, int to) {
        int start = starts[k];
        int end = k + 1 < size ? starts[k + 1] : used;
        return Arrays.equals(bytes, start, end, buf, from, to);
    }

    /** FNV-1a over the tag and the bytes, then mixed (the low bits index the table). */
    private static int hash(int tag, byte[] buf, int from, int to) {
        int h = 0x811c9dc5 ^ tag;
        for (int i = from; i < to; i++) {
            h = (h ^ buf[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
