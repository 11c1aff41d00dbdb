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
    // Slot s is the pair slots[2s] (the key's hash) and slots[2s + 1] (key index + 1, or 0 for an empty slot): the
    // hash sits next to the index, so a probe that misses costs one memory access, not three.
    private int[] slots = new int[2 << 10];
    private int mask = (1 << 10) - 1;
    private int last = -1; // the id found last: files grouped by user repeat it line after line

    /** The index of the id {@code buf[from .. to)} with {@code tag}, adding it if new. */
    int add(int tag, byte[] buf, int from, int to) {
        if (last >= 0 && tags[last] == tag && equal(last, buf, from, to)) {
            return last;
        }
        int h = hash(tag, buf, from, to);
        int slot = h & mask;
        while (true) {
            int k = slots[2 * slot + 1] - 1;
            if (k < 0) {
                last = insert(slot, h, tag, buf, from, to);
                return last;
            }
            if (slots[2 * slot] == h && tags[k] == tag && equal(k, buf, from, to)) {
                last = k;
                return k;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The index of id {@code k} of {@code other} with {@code tag}, adding it if new (to merge tables). */
    int add(int tag, ByteIdTable other, int k) {
        return add(tag, other.bytes, other.starts[k], other.end(k));
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
        return new String(bytes, starts[k], end(k) - starts[k], charset);
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
        slots[2 * slot] = h;
        slots[2 * slot + 1] = ++size;
        // Keep the table at most half full, so that probe sequences stay short.
        if (2 * size > mask + 1) {
            rehash(2 * (mask + 1));
        }
        return size - 1;
    }

    private void rehash(int capacity) {
        slots = new int[2 * capacity];
        mask = capacity - 1;
        for (int k = 0; k < size; k++) {
            int slot = hashes[k] & mask;
            while (slots[2 * slot + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[2 * slot] = hashes[k];
            slots[2 * slot + 1] = k + 1;
        }
    }

    private boolean equal(int k, byte[] buf, int from, int to) {
        return Arrays.equals(bytes, starts[k], end(k), buf, from, to);
    }

    private int end(int k) {
        return k + 1 < size ? starts[k + 1] : used;
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
