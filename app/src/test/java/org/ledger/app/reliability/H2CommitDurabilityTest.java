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
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * On the embedded default, a commit is on disk when it returns: a process killed right after it (SIGKILL, the OOM
 * killer) loses nothing it committed. H2 keeps committed changes in memory until its background writer runs (every
 * 500 ms unless {@code WRITE_DELAY=0}), so without that setting in application.yml an event whose command was already
 * answered 2xx could vanish with the process. The crash test under load rarely lands in that window; this one does
 * every time: a separate JVM opens the database exactly as application.yml configures it, commits rows one by one and
 * halts at once, and the rows must be there afterwards. H2 run only: PostgreSQL is durable by its own configuration.
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

    /** Commits one row (auto-commit) and dies at once without closing anything, like a SIGKILL. */
    public static final class CommitThenDie {

        static final int HALTED = 9;

        public static void main(String[] args) throws Exception {
            Connection connection = DriverManager.getConnection(args[0], "sa", "");
            try (Statement statement = connection.createStatement()) {
                statement.execute("insert into committed_row values (" + Integer.parseInt(args[1]) + ")");
            }
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
