package org.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Staff work in Swagger UI, so the OpenAPI description is part of the product: every endpoint has a summary,
 * every request field an example, every enum its Chinese labels. A new endpoint without them fails here.
 */
class OpenApiContractTest extends AppTestSupport {

    @Autowired
    MockMvc mvc;

    private JsonNode api;

    @BeforeEach
    void readApi() throws Exception {
        String json = mvc.perform(get("/v3/api-docs")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        api = new ObjectMapper().readTree(json);
    }

    @Test
    void everyOperationHasASummary() {
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : fields(api.get("paths"))) {
            for (Map.Entry<String, JsonNode> operation : fields(path.getValue())) {
                operations++;
                JsonNode summary = operation.getValue().get("summary");
                if (summary == null || summary.asText().isBlank()) {
                    missing.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        assertThat(operations).as("operations described").isGreaterThanOrEqualTo(20);
        assertThat(missing).as("operations without a summary").isEmpty();
    }

    @Test
    void everyRequestFieldHasAnExample() {
        List<String> missing = new ArrayList<>();
        int requestSchemas = 0;
        for (Map.Entry<String, JsonNode> schema : fields(api.path("components").path("schemas"))) {
            if (!schema.getKey().endsWith("Request") && !schema.getKey().endsWith("Reference")) {
                continue;
            }
            requestSchemas++;
            for (Map.Entry<String, JsonNode> property : fields(schema.getValue().path("properties"))) {
                JsonNode value = property.getValue();
                boolean nestedObject = value.has("$ref") || value.has("allOf");
                if (!nestedObject && !value.has("example") && !value.has("examples")) {
                    missing.add(schema.getKey() + "." + property.getKey());
                }
            }
        }
        assertThat(requestSchemas).as("request bodies described").isGreaterThanOrEqualTo(15);
        assertThat(missing).as("request fields without an example").isEmpty();
    }

    @Test
    void everyEnumShowsItsChineseLabels() {
        List<String> unlabelled = new ArrayList<>();
        int enumFields = 0;
        for (Map.Entry<String, JsonNode> schema : fields(api.path("components").path("schemas"))) {
            for (Map.Entry<String, JsonNode> property : fields(schema.getValue().path("properties"))) {
                JsonNode value = property.getValue().has("items") ? property.getValue().get("items")
                        : property.getValue();
                if (value.has("enum")) {
                    enumFields++;
                    String description = property.getValue().path("description").asText("")
                            + value.path("description").asText("");
                    String first = value.get("enum").get(0).asText();
                    if (!description.matches("(?s).*" + first + "=\\p{IsHan}+.*")) {
                        unlabelled.add(schema.getKey() + "." + property.getKey());
                    }
                }
            }
        }
        assertThat(enumFields).as("enum fields described").isGreaterThanOrEqualTo(6);
        assertThat(unlabelled).as("enum fields without Chinese labels").isEmpty();
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        if (node != null) {
            Iterator<Map.Entry<String, JsonNode>> iterator = node.fields();
            iterator.forEachRemaining(entries::add);
        }
        return entries;
    }
}
