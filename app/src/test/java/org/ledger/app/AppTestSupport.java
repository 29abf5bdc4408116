package org.ledger.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ledger.LedgerApplication;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a fresh H2 file database under {@code target/test-data}, with the test accounts of
 * {@code application-test.yml}. Every subclass shares the one Spring context (same configuration, same
 * directory), so the suite starts the application once.
 */
@SpringBootTest(classes = LedgerApplication.class)
@AutoConfigureMockMvc
@ActiveProfiles("test")
public abstract class AppTestSupport {

    protected static final Path DATA_DIR = newDataDir();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", DATA_DIR::toString);
    }

    protected static Path newDataDir() {
        try {
            Path root = Path.of("target", "test-data");
            Files.createDirectories(root);
            return Files.createTempDirectory(root.toAbsolutePath(), "ledger-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
