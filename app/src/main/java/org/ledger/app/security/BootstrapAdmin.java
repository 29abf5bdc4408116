package org.ledger.app.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The one account of an installation that nobody has configured yet (issue 5): an ADMIN named {@value #USERNAME}
 * with a random password, so that a fresh embedded installation can be set up (its unit tree registered) without
 * any account with a known password ever existing.
 *
 * <ul>
 *   <li>The first start without configured accounts creates it: the password is printed once, as a clearly marked
 *       WARN, and only its bcrypt hash is kept, in {@code <ledger.data-dir>/}{@value #FILE_NAME}, created readable
 *       and writable by the owner only where the file system has POSIX permissions.</li>
 *   <li>Later starts on the same data directory read the file and never print the password again.</li>
 *   <li>Configured accounts ({@code ledger.security.accounts}) disable it: the file is then ignored (not deleted,
 *       since it is the operator's data).</li>
 *   <li>Forgotten password: stop the application, delete the file, start again: a new password is printed.</li>
 * </ul>
 *
 * <p>Its unit is {@code ledger.security.bootstrap-unit}, read at every start (none by default). An ADMIN passes
 * every command-side access rule whatever its unit ({@code ActorScope.isAdmin()}), so without a unit it can still
 * register the root units and everything below them.
 */
final class BootstrapAdmin {

    static final String FILE_NAME = "bootstrap-admin.properties";
    static final String USERNAME = "admin";
    /** What the WARN lines start with, so the one-off password is easy to find in the log (and to test for). */
    static final String MARK = "*** BOOTSTRAP ADMIN ***";

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private BootstrapAdmin() {
    }

    /** The bootstrap account kept in {@code dataDir}, created (and its password printed) if there is none yet. */
    static LedgerUser ensure(Path dataDir, String unit, PasswordEncoder encoder) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        String hash;
        if (Files.exists(file)) {
            hash = read(file);
            log.info("No accounts are configured: the bootstrap account '{}' (ADMIN) of {} is active. Its password "
                    + "was printed once, when it was created. Configure ledger.security.accounts to disable it.",
                    USERNAME, file);
        } else {
            String password = newPassword();
            hash = encoder.encode(password);
            try {
                write(file, hash);
                log.warn("""
                        {}
                        {} No accounts are configured (ledger.security.accounts is empty), so this first start created \
                        the account '{}' with role ADMIN (unit: {}).
                        {} Its password, printed this once and never again: {}
                        {} Only its bcrypt hash is kept, in {}. Configure ledger.security.accounts to disable this \
                        account; delete the file and restart for a new password.
                        {}""", MARK, MARK, USERNAME, unit == null ? "none" : unit, MARK, password, MARK, file, MARK);
            } catch (FileAlreadyExistsException raced) {
                // another process on the same data directory created it a moment ago: its password counts
                hash = read(file);
            }
        }
        return new LedgerUser(USERNAME, hash, List.of(new SimpleGrantedAuthority(LedgerUser.ROLE_PREFIX + "ADMIN")),
                unit);
    }

    /** 144 random bits, URL-safe Base64: 24 characters anyone can type. */
    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bootstrap account file " + file, e);
        }
        String hash = properties.getProperty("password");
        if (!USERNAME.equals(properties.getProperty("username")) || hash == null || !hash.startsWith("{bcrypt}")) {
            throw new IllegalStateException("The bootstrap account file " + file + " is damaged: delete it and "
                    + "restart to create a new bootstrap account, or configure ledger.security.accounts");
        }
        return hash;
    }

    /** Written to a temporary file (owner-only from the start) and moved into place, so nobody reads half a file. */
    private static void write(Path file, String hash) throws FileAlreadyExistsException {
        Properties properties = new Properties();
        properties.setProperty("username", USERNAME);
        properties.setProperty("password", hash);
        properties.setProperty("created", Instant.now().toString());
        Path temporary = null;
        try {
            Path directory = file.getParent();
            Files.createDirectories(directory);
            boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
            temporary = posix
                    ? Files.createTempFile(directory, ".bootstrap-admin", ".tmp",
                            PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(directory, ".bootstrap-admin", ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                properties.store(out, "Bootstrap ADMIN of the ledger (BootstrapAdmin): bcrypt hash of its password. "
                        + "Ignored while ledger.security.accounts is configured.");
            }
            Files.move(temporary, file);
            temporary = null;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bootstrap account file " + file, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a leftover temporary file holds only a hash; nothing to do about it here
                }
            }
        }
    }
}
