package org.ledger.query.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads the content-addressed evidence store (佐证材料) that the command side writes: a file is found by the hex
 * SHA-256 of its content and nothing else. The application supplies the implementation (a directory by default).
 */
public interface EvidenceFiles {

    /** Opens the stored content with this hash; empty when the store has no such file. */
    Optional<InputStream> open(String sha256) throws IOException;
}
