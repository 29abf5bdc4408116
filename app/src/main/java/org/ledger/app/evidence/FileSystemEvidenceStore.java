package org.ledger.app.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ledger.command.evidence.EvidenceStore;
import org.ledger.query.evidence.EvidenceFiles;

/**
 * The evidence store of the embedded default: a directory ({@code ledger.evidence.dir}, by default
 * {@code ${ledger.data-dir}/evidence}) where every file is named by the hex SHA-256 of its content, in two levels
 * of fan-out directories ({@code ab/cd/abcd…}) so that no directory grows huge.
 *
 * <p>A write goes to a temporary file in {@code tmp/} on the same file system while it is hashed and counted,
 * then moves atomically to its address: a reader never sees half a file, and a crash leaves at most a stray
 * temporary file. Identical content is stored once: when the address exists, the temporary file is dropped.
 * Only hashes this class computed or that match {@code [0-9a-f]{64}} ever become paths.
 *
 * <p>Several nodes must share this directory (a network file system) for downloads to work on every node.
 */
public class FileSystemEvidenceStore implements EvidenceStore, EvidenceFiles {

    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    private final Path root;
    private final Path tmp;

    public FileSystemEvidenceStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve("tmp");
        Files.createDirectories(tmp);
    }

    @Override
    public Stored put(InputStream content, long maxBytes) throws IOException {
        Path temp = Files.createTempFile(tmp, "upload-", ".part");
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = content.read(buffer)) >= 0) {
                    size += read;
                    if (size > maxBytes) {
                        throw new TooLarge(maxBytes);
                    }
                    digest.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                }
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            Path target = path(hash);
            if (Files.exists(target)) {
                return new Stored(hash, size, false);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                return new Stored(hash, size, false); // the same content arrived at the same moment
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The evidence directory does not support atomic moves: " + root, e);
            }
            return new Stored(hash, size, true);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<InputStream> open(String sha256) throws IOException {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(path(sha256)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Where content with this hash lives: {@code root/ab/cd/abcd…}. */
    Path path(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
