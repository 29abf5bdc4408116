package org.ledger.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine exists where the tests run, so the images are never built here. What can be checked: the compose
 * file parses, it has the database, two application nodes and a load balancer, and the application nodes (and the
 * Dockerfile) set only environment variables the application reads, each of which Spring really binds to the
 * property it is meant for.
 */
class DockerComposeFileTest {

    private static final Path DOCKER = Path.of("..", "docker");

    /** The environment variables the README documents for the application, and the property each one sets. */
    static final Map<String, String> DOCUMENTED = Map.of(
            "SPRING_PROFILES_ACTIVE", "spring.profiles.active",
            "SERVER_PORT", "server.port",
            "LEDGER_DATA_DIR", "ledger.data-dir",
            "LEDGER_NODE_ROLES", "ledger.node.roles",
            // read by name in application-postgres.yml
            "LEDGER_DB_URL", "LEDGER_DB_URL",
            "LEDGER_DB_USER", "LEDGER_DB_USER",
            "LEDGER_DB_PASSWORD", "LEDGER_DB_PASSWORD",
            // not a Spring property: Axon's opt-out of usage reporting (DESIGN.md §8)
            "AXONIQ_UPDATE_CHECKER_DISABLED", "AXONIQ_UPDATE_CHECKER_DISABLED");

    @Test
    @SuppressWarnings("unchecked")
    void composeFileParsesAndNamesOnlyVariablesTheApplicationReads() throws IOException {
        Map<String, Object> compose;
        try (InputStream in = Files.newInputStream(DOCKER.resolve("compose.yaml"))) {
            compose = new Yaml().load(in);
        }
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("db", "lb");
        assertThat(((Map<String, Object>) compose.get("volumes"))).containsKeys("db-data", "evidence");

        List<String> appNodes = new ArrayList<>();
        services.forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            if (service.containsKey("build") || image.startsWith("ledger")) {
                appNodes.add(name);
                Map<String, Object> environment = environment(service.get("environment"));
                assertThat(environment).as(name).containsKeys("SPRING_PROFILES_ACTIVE", "LEDGER_DB_URL",
                        "LEDGER_DB_USER", "LEDGER_DB_PASSWORD");
                assertThat(environment.get("SPRING_PROFILES_ACTIVE")).as(name).isEqualTo("postgres");
                // ${VAR:-default} is compose's interpolation, done before the container starts: bind a plain value
                environment.forEach((variable, value) -> assertBinds(name, variable,
                        String.valueOf(value).startsWith("${") ? "interpolated" : String.valueOf(value)));
                assertThat(String.valueOf(service.get("volumes"))).as(name).contains("evidence:/data/evidence");
            }
        });
        assertThat(appNodes).hasSize(2);
        assertThat(String.valueOf(services.get("lb").get("image"))).startsWith("nginx");
        String nginx = Files.readString(DOCKER.resolve("nginx.conf"));
        appNodes.forEach(node -> assertThat(nginx).contains("server " + node + ":8080"));
    }

    @Test
    void dockerfileSetsOnlyDocumentedVariablesAndChecksHealth() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        Matcher env = Pattern.compile("(?m)^ENV\\s+((?:.*\\\\\\n)*.*)$").matcher(dockerfile);
        int count = 0;
        while (env.find()) {
            Matcher assignment = Pattern.compile("([A-Z_]+)=(\\S+)").matcher(env.group(1));
            while (assignment.find()) {
                assertBinds("Dockerfile", assignment.group(1), assignment.group(2));
                count++;
            }
        }
        assertThat(count).isPositive();
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jdk AS build", "FROM eclipse-temurin:17-jre",
                "USER ledger", "HEALTHCHECK", "/actuator/health", "./mvnw");
    }

    @Test
    void theImageStartsWithTheClassDataSharingArchiveItsBuildRecords() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        String script = Files.readString(DOCKER.resolve("cds-archive.sh"));
        assertThat(dockerfile).as("the image lays the jar out with the script, into /app")
                .contains("COPY --from=build /src/docker/cds-archive.sh /tmp/cds-archive.sh",
                        "bash /tmp/cds-archive.sh /tmp/ledger-app.jar /app");
        assertThat(script).as("the script extracts the jar and records the archive where the entrypoint looks")
                .contains("extract --force --destination \"$destination\"", "archive=\"$destination/ledger.jsa\"",
                        "thin=\"$destination/$(basename \"$jar\")\"", "-XX:ArchiveClassesAtExit=\"$archive\"",
                        "-jar \"$thin\"");
        Matcher entrypoint = Pattern.compile("(?ms)^ENTRYPOINT\\s+\\[(.*?)]").matcher(dockerfile);
        assertThat(entrypoint.find()).isTrue();
        assertThat(entrypoint.group(1)).as("the entrypoint maps the archive and starts the extracted jar")
                .contains("\"-XX:SharedArchiveFile=/app/ledger.jsa\"", "\"-jar\", \"/app/ledger-app.jar\"");
    }

    /** The variable is documented and, set in the environment, gives its property exactly this value. */
    private static void assertBinds(String where, String variable, String value) {
        assertThat(DOCUMENTED).as(where + ": " + variable + " is not a variable the application reads")
                .containsKey(variable);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of(variable, value)));
        String property = DOCUMENTED.get(variable);
        // As a placeholder (${ledger.data-dir}) and through binding (@ConfigurationProperties, @Value).
        assertThat(environment.getProperty(property)).as(where + ": " + variable).isEqualTo(value);
        ConfigurationPropertySources.attach(environment);
        if (property.contains(".")) {
            assertThat(Binder.get(environment).bind(property, String.class).orElse(null))
                    .as(where + ": " + variable).isEqualTo(value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Object declared) {
        Map<String, Object> environment = new LinkedHashMap<>();
        if (declared instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach(environment::put);
        } else if (declared instanceof List<?> list) {
            for (Object entry : list) {
                String[] pair = String.valueOf(entry).split("=", 2);
                environment.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return environment;
    }
}
