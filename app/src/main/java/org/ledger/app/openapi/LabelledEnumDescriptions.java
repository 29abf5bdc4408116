package org.ledger.app.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ledger.kernel.Labelled;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Appends "CODE=标签, …" to the description of every schema whose values are those of a {@link Labelled} enum
 * (DESIGN.md §2: every enum carries its Chinese label, shown in the API description): request and response
 * properties, arrays of them, and query and path parameters.
 *
 * <p>It works on the finished document rather than per property, because springdoc applies a property's own
 * {@code @Schema(description = …)} after property customizers run, which would drop the labels again. An enum
 * schema is recognised by its set of values; the labelled enums are found by scanning the given package.
 */
public class LabelledEnumDescriptions implements OpenApiCustomizer {

    private final Map<Set<String>, String> labelsByValues;

    public LabelledEnumDescriptions(String basePackage) {
        this.labelsByValues = scan(basePackage);
    }

    /** "INSPECTION=专项督查, LOOK_BACK=回头看, …" */
    public static String labels(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> ((Enum<?>) constant).name() + "=" + ((Labelled) constant).label())
                .collect(Collectors.joining(", "));
    }

    @Override
    public void customise(OpenAPI openApi) {
        Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(schema -> visit(schema, seen));
        }
        if (openApi.getPaths() == null) {
            return;
        }
        for (PathItem path : openApi.getPaths().values()) {
            if (path.getParameters() != null) {
                path.getParameters().forEach(parameter -> visit(parameter, seen));
            }
            for (Operation operation : path.readOperations()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> visit(parameter, seen));
                }
                if (operation.getRequestBody() != null) {
                    visit(operation.getRequestBody().getContent(), seen);
                }
                if (operation.getResponses() != null) {
                    for (ApiResponse response : operation.getResponses().values()) {
                        visit(response.getContent(), seen);
                    }
                }
            }
        }
    }

    private void visit(Parameter parameter, Set<Schema<?>> seen) {
        String labels = labelsOf(parameter.getSchema());
        if (labels != null) {
            parameter.setDescription(append(parameter.getDescription(), labels));
        }
        visit(parameter.getSchema(), seen);
    }

    private void visit(Content content, Set<Schema<?>> seen) {
        if (content != null) {
            for (MediaType mediaType : content.values()) {
                visit(mediaType.getSchema(), seen);
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void visit(Schema<?> schema, Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        String labels = labelsOf(schema);
        if (labels != null) {
            schema.setDescription(append(schema.getDescription(), labels));
        }
        if (schema.getProperties() != null) {
            for (Schema property : schema.getProperties().values()) {
                visit(property, seen);
            }
        }
        visit(schema.getItems(), seen);
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            visit(additional, seen);
        }
        for (List<Schema> composed : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (composed != null) {
                composed.forEach(part -> visit(part, seen));
            }
        }
    }

    /** The labels of the schema's enum, or of its items' enum for an array; null if it is no labelled enum. */
    private String labelsOf(Schema<?> schema) {
        if (schema == null) {
            return null;
        }
        List<?> values = schema.getEnum();
        if ((values == null || values.isEmpty()) && schema.getItems() != null) {
            values = schema.getItems().getEnum();
        }
        if (values == null || values.isEmpty()) {
            return null;
        }
        Set<String> key = values.stream().map(String::valueOf).collect(Collectors.toSet());
        return labelsByValues.get(key);
    }

    private static String append(String description, String labels) {
        if (description == null || description.isBlank()) {
            return labels;
        }
        if (description.contains(labels)) {
            return description;
        }
        return description + " (" + labels + ")";
    }

    private static Map<Set<String>, String> scan(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Labelled.class));
        Map<Set<String>, String> result = new HashMap<>();
        Set<Set<String>> ambiguous = new HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            if (!type.isEnum()) {
                continue;
            }
            Set<String> names = Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            String labels = labels(type);
            String previous = result.putIfAbsent(Set.copyOf(names), labels);
            if (previous != null && !previous.equals(labels)) {
                ambiguous.add(Set.copyOf(names)); // same codes, different labels: cannot tell which is meant
            }
        }
        ambiguous.forEach(result::remove);
        return Map.copyOf(result);
    }
}
