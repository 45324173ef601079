package io.issuehooks.contract;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids of the rows every event writes (issues, events, deliveries, attempts): UUID version 7 (RFC 9562), whose
 * first 48 bits are the creation time in milliseconds and the other 74 random. Why not {@code UUID.randomUUID()}:
 * a random key puts each insert on a random leaf of its B-tree index, so once a table's indexes outgrow
 * PostgreSQL's shared buffers every insert reads a page from disk and, after each checkpoint, writes a whole page
 * to the WAL; with ids that grow with time, inserts land on the few pages at the index's newest end, however large
 * the tables grow. The random part is as unguessable as a version 4 UUID's
 * (from the same kind of generator); what an id reveals is when it was made, which its row shows anyway.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    /** An id made at the given time (milliseconds since the epoch). */
    static UUID at(long epochMillis) {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        ByteBuffer random = ByteBuffer.wrap(bytes);
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.getShort() & 0x0FFFL);
        long low = 0x8000_0000_0000_0000L | (random.getLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(high, low);
    }
}
