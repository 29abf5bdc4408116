package org.ledger.command.evidence;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where uploaded evidence files (佐证材料) go: a content-addressed store keyed by the SHA-256 of the bytes
 * (DESIGN.md §2). The command side only writes through this interface; the application supplies the
 * implementation (a directory by default), and the query side reads the same store to serve the files back.
 *
 * <p>No name from the client reaches the store: a file is addressed only by its hash, so identical content is
 * stored once and nothing a client sends can choose a path.
 */
public interface EvidenceStore {

    /**
     * Copies {@code content} into the store while hashing it, and makes it visible under its hash only once it is
     * complete (write to a temporary file, then an atomic move).
     *
     * @param maxBytes the most bytes accepted; beyond that nothing is stored and {@link TooLarge} is thrown
     * @return the hash and size of what was stored
     * @throws TooLarge when the content is longer than {@code maxBytes}
     */
    Stored put(InputStream content, long maxBytes) throws IOException;

    /**
     * @param sha256  lower-case hex SHA-256 of the content, which is also its address
     * @param size    bytes stored
     * @param created false when the same content was stored before (nothing new was written)
     */
    record Stored(String sha256, long size, boolean created) {
    }

    /** The content is longer than the limit; nothing was stored. */
    final class TooLarge extends IOException {

        private final long maxBytes;

        public TooLarge(long maxBytes) {
            super("The evidence file is larger than the limit of " + maxBytes + " bytes.");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }
}
