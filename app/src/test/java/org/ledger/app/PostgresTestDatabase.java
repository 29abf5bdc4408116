package org.ledger.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Runs every application the tests start on a real PostgreSQL instead of H2, when the JVM has
 * {@code -Dledger.test.db=postgres} (the surefire execution {@code postgres} of app/pom.xml sets it).
 *
 * <p>Why an {@link EnvironmentPostProcessor} (registered in the tests' {@code META-INF/spring.factories}): it sees
 * every Spring application of the suite, the {@code @SpringBootTest} contexts and the ones tests start themselves
 * with {@code SpringApplicationBuilder}, so no test needs to know which database it runs on. It activates the
 * production profile {@code postgres} and answers the variables that profile reads ({@code LEDGER_DB_URL},
 * {@code LEDGER_DB_USER}, {@code LEDGER_DB_PASSWORD}), so the suite also checks that profile.
 *
 * <p>One embedded PostgreSQL (io.zonky.test, binaries from Maven Central, no Docker) per JVM; one database per
 * {@code ledger.data-dir}. The tests isolate themselves by data directory (a fresh one = an empty H2 database),
 * and a test that restarts the application on the same directory expects its data back: a database named after
 * the directory keeps both true. The URL is computed when the data source asks for it, because
 * {@code @DynamicPropertySource} values (where most tests set the directory) arrive after this processor ran.
 */
public class PostgresTestDatabase implements EnvironmentPostProcessor, Ordered {

    /** System property that switches the suite to PostgreSQL. */
    public static final String SWITCH = "ledger.test.db";

    private static EmbeddedPostgres postgres;

    /** True when this JVM runs the suite on PostgreSQL. */
    public static boolean enabled() {
        return "postgres".equals(System.getProperty(SWITCH));
    }

    @Override
    public int getOrder() {
        // Before Boot's config data processing, which decides the active profiles.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!enabled()) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("embedded-postgres-profile",
                Map.of("spring.profiles.include", "postgres")));
        environment.getPropertySources().addFirst(new PropertySource<Object>("embedded-postgres", new Object()) {
            @Override
            public Object getProperty(String name) {
                return switch (name) {
                    case "LEDGER_DB_URL" -> urlFor(environment.getProperty("ledger.data-dir", "./data"));
                    case "LEDGER_DB_USER", "LEDGER_DB_PASSWORD" -> "postgres";
                    default -> null;
                };
            }
        });
    }

    /** The JDBC URL of the database of this data directory, created on first use. */
    public static synchronized String urlFor(String dataDir) {
        String database = "ledger_" + shortHash(dataDir);
        EmbeddedPostgres server = server();
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement(
                    "select 1 from pg_database where datname = ?")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + database, e);
        }
        return server.getJdbcUrl("postgres", database);
    }

    private static EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                // Every cached test context keeps its own connection pool open: allow plenty. Durability is
                // not what the tests check, speed is welcome.
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "1000")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the server's directory is temporary
                }
            }, "embedded-postgres-stop"));
        }
        return postgres;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
