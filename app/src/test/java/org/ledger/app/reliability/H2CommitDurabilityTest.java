package org.ledger.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.app.PostgresTestDatabase;
import org.ledger.app.persistence.H2CommitFlush;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * On the embedded default, what a command committed is on disk before its answer: a process killed right after the
 * answer (SIGKILL, the OOM killer) loses nothing. H2 keeps committed changes in memory until its background writer
 * runs (every 500 ms), so without {@link H2CommitFlush} an event whose command was already answered 2xx could vanish
 * with the process. The crash test under load rarely lands in that window; this one does every time: a separate JVM
 * opens the database exactly as application.yml configures it, commits a row, does what the application does before
 * answering ({@link H2CommitFlush#flushCommitted()}) and halts at once; the rows must be there afterwards. (Without
 * the flush, 0 of 5 rows survived.) H2 run only: on PostgreSQL a commit returns once its WAL record is on disk.
 */
@DisabledIfSystemProperty(named = PostgresTestDatabase.SWITCH, matches = "postgres")
class H2CommitDurabilityTest {

    private static final int ROWS = 5;

    @TempDir
    Path dataDir;

    @Test
    void rowsCommittedJustBeforeAKillAreThereAfterIt() throws Exception {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties configuration = yaml.getObject();
        String url = configuration.getProperty("spring.datasource.url")
                .replace("${ledger.data-dir}", dataDir.toString());
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("create table committed_row (n int)");
        }

        for (int n = 0; n < ROWS; n++) {
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    CommitThenDie.class.getName(), url, Integer.toString(n))
                    .inheritIO().start();
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).as("the writer halted after its commit").isEqualTo(CommitThenDie.HALTED);
        }

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from committed_row")) {
            rows.next();
            assertThat(rows.getInt(1)).as("committed rows after the kills").isEqualTo(ROWS);
        }
    }

    /** Commits one row (auto-commit), flushes as the application does, and dies at once without closing anything. */
    public static final class CommitThenDie {

        static final int HALTED = 9;

        public static void main(String[] args) throws Exception {
            Connection connection = DriverManager.getConnection(args[0], "sa", "");
            try (Statement statement = connection.createStatement()) {
                statement.execute("insert into committed_row values (" + Integer.parseInt(args[1]) + ")");
            }
            new H2CommitFlush(new JdbcTemplate(new SingleConnectionDataSource(connection, true)), args[0])
                    .flushCommitted();
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
