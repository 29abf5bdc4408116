package org.ledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator of workloads 3 and 4 starts the application's classes inside the harness's JVM, which logs through
 * slf4j-simple rather than the application's logback: the application must start there too (a bean that assumed
 * logback once broke every run with a generated store), and the store must hold the events it says it wrote.
 */
class EventGeneratorTest {

    @Test
    void fillsAnH2StoreThroughTheApplicationWithoutLogback(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        EventGenerator.Generated generated = new EventGenerator(
                EventGenerator.appArguments(data, null, null, null, AppProcess.accountArguments())).fill(10, 1);

        // 5 issues of 2 items, every second one resolved: 3 units + 3 open issues x (9 + 2p) + 2 resolved x (16 + 2p)
        assertThat(generated.issues()).isEqualTo(5);
        assertThat(generated.items()).isEqualTo(10);
        assertThat(generated.closedItems()).isEqualTo(4);
        assertThat(generated.events()).isEqualTo(3 + 3 * 11 + 2 * 18);
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("ledger"), "sa", "");
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*), max(global_index) from domain_event_entry")) {
            count.next();
            assertThat(count.getLong(1)).isEqualTo(generated.events());
            assertThat(count.getLong(2)).isEqualTo(generated.head());
        }
    }
}
