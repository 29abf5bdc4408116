package org.ledger.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL of a PostgreSQL run: an embedded server (io.zonky.test, binaries from Maven Central, the version
 * the tests use) started by the harness and stopped at the end. Two databases: {@code ledger} for the application
 * and {@code bench} for the plain-append baseline, so both workloads hit the same server.
 */
final class PostgresServer implements AutoCloseable {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param durable true: fsync and synchronous_commit on, as a production server runs (zonky's defaults switch
     *                both off, which suits tests, not a measurement). The header prints the settings either way, and
     *                the append baseline runs under the same ones.
     */
    static PostgresServer start(boolean durable) throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "300");
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        EmbeddedPostgres postgres = builder.start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database ledger");
            statement.execute("create database bench");
        }
        return new PostgresServer(postgres);
    }

    String url(String database) {
        return postgres.getJdbcUrl(USER, database);
    }

    /** fsync and synchronous_commit, for the table header. */
    String settings() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            StringBuilder out = new StringBuilder();
            for (String name : new String[] {"server_version", "fsync", "synchronous_commit"}) {
                try (ResultSet rows = statement.executeQuery("show " + name)) {
                    rows.next();
                    out.append(out.isEmpty() ? "" : ", ").append(name).append('=').append(rows.getString(1));
                }
            }
            return out.toString();
        } catch (SQLException e) {
            return "settings unknown: " + e.getMessage();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
