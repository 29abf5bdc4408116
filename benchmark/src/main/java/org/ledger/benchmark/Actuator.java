package org.ledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads meters of the running application from {@code /actuator/metrics/{name}} (any authenticated account may;
 * README "Health, info and metrics"), as the auditor, through its own connection.
 */
final class Actuator {

    private final Http http;

    Actuator(int port, Auth auth) {
        this.http = new Http(port, auth);
    }

    /** The meter's VALUE (gauges) or COUNT statistic, summed over all tags unless a tag narrows it; NaN if absent. */
    double value(String meter, String... tags) {
        StringBuilder path = new StringBuilder("/actuator/metrics/").append(meter);
        for (int i = 0; i < tags.length; i++) {
            path.append(i == 0 ? '?' : '&').append("tag=").append(URLEncoder.encode(tags[i], StandardCharsets.UTF_8));
        }
        Http.Answer answer;
        try {
            answer = http.get("auditor", path.toString());
        } catch (RuntimeException noAnswer) {
            return Double.NaN;
        }
        JsonNode json = answer.status() == 200 ? answer.json() : null;
        if (json == null) {
            return Double.NaN;
        }
        for (JsonNode measurement : json.path("measurements")) {
            String statistic = measurement.path("statistic").asText();
            if (statistic.equals("VALUE") || statistic.equals("COUNT")) {
                return measurement.path("value").asDouble();
            }
        }
        return Double.NaN;
    }

    /**
     * All meters at once from {@code /actuator/prometheus} (one request, one authentication: under load every
     * request queues behind the commands, and a sample of eight meters read one by one took seconds).
     */
    Prometheus scrape() {
        try {
            Http.Answer answer = http.get("auditor", "/actuator/prometheus");
            return answer.status() == 200 ? new Prometheus(answer.raw()) : new Prometheus("");
        } catch (RuntimeException noAnswer) {
            return new Prometheus("");
        }
    }

    /** The Prometheus text format, just enough of it: the sum of a metric's samples whose labels match. */
    static final class Prometheus {

        private final String text;

        Prometheus(String text) {
            this.text = text == null ? "" : text;
        }

        /** Sum of the samples of {@code metric} carrying every {@code label="value"} given; NaN when none. */
        double sum(String metric, String... labels) {
            double sum = 0;
            boolean found = false;
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || !(line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                    continue;
                }
                int brace = line.indexOf('}');
                String labelText = brace < 0 ? "" : line.substring(metric.length(), brace + 1);
                boolean matches = true;
                for (String label : labels) {
                    matches &= labelText.contains(label);
                }
                if (!matches) {
                    continue;
                }
                String[] parts = line.substring(brace < 0 ? metric.length() : brace + 1).trim().split("\\s+");
                try {
                    sum += Double.parseDouble(parts[0]);
                    found = true;
                } catch (NumberFormatException ignored) {
                    // not a sample line
                }
            }
            return found ? sum : Double.NaN;
        }
    }

    double heapUsedBytes() {
        return value("jvm.memory.used", "area:heap");
    }
}
