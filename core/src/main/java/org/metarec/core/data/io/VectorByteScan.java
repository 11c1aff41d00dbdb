package org.metarec.core.data.io;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The searches of {@link ByteScan} on the Vector API: the widest byte vector the machine has (64 bytes with
 * AVX-512), compared lane by lane, the first matching lane taken from the mask. Only {@link ByteScan} loads this
 * class, and only when the module {@code jdk.incubator.vector} is present.
 *
 * <p>A search may load bytes past {@code to} (never past the array): most searches are short (a key, an id, the
 * rest of a line) and end within one vector, so one load that ignores the lanes past {@code to} replaces a
 * byte-by-byte tail. Only the last vector's worth of the array is searched byte by byte.
 */
final class VectorByteScan {

    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorByteScan() {
    }

    static int indexOf(byte[] buf, int from, int to, byte b) {
        int i = from;
        for (; i < to && i <= buf.length - LANES; i += LANES) {
            VectorMask<Byte> m = ByteVector.fromArray(SPECIES, buf, i).eq(b);
            if (m.anyTrue()) {
                return Math.min(i + m.firstTrue(), to);
            }
        }
        return ByteScan.scalarIndexOf(buf, i, to, b); // to if i >= to
    }

    static int stringStop(byte[] buf, int from, int to) {
        int i = from;
        for (; i < to && i <= buf.length - LANES; i += LANES) {
            ByteVector v = ByteVector.fromArray(SPECIES, buf, i);
            VectorMask<Byte> m = v.eq((byte) '"').or(v.eq((byte) '\\'))
                    .or(v.compare(VectorOperators.UNSIGNED_LT, (byte) 0x20));
            if (m.anyTrue()) {
                return Math.min(i + m.firstTrue(), to);
            }
        }
        return ByteScan.scalarStringStop(buf, i, to); // to if i >= to
    }
}
