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

    static PostgresServer start() throws IOException, SQLException {
        // zonky's defaults apart from max_connections (it sets synchronous_commit=off; the header prints the
        // settings, and the append baseline runs under the same ones)
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
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
