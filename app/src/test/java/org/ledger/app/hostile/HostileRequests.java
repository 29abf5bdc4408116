package org.ledger.app.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.ledger.app.ApiEndpoints.Endpoint;
import org.ledger.app.HttpClientSupport;
import org.ledger.command.support.FreeText;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;

/**
 * Generates hostile requests for one endpoint from what its controller method declares: path variables get path
 * traversal and look-alike ids, typed query parameters get values of the wrong type, a JSON body (a request
 * record) gets malformed JSON, wrong types, missing, unknown and duplicate fields, 1 MB strings, 10^5-element
 * arrays, invalid enum values, dates and numbers, and control, bidi, zero-width and lone-surrogate characters in
 * its free text; the evidence upload gets oversized, mistyped and missing files. Nothing here is written per
 * endpoint, so a new endpoint is attacked as soon as it exists.
 *
 * <p>Field attacks start from a valid body built from the request record's {@code @Schema} examples (which the
 * OpenAPI contract test requires on every field) and spoil one field, so that the 400 can be checked to name it.
 */
final class HostileRequests {

    /** One hostile request: what it tries, on which endpoint, the field the answer must name (if one), the request. */
    record HostileRequest(String what, Endpoint endpoint, String field, Supplier<MockHttpServletRequestBuilder> request) {

        @Override
        public String toString() {
            return endpoint.key() + ": " + what + (field == null ? "" : " [" + field + "]");
        }
    }

    /** A field of a request body, where it sits in the JSON ({@code scores[0].comment}) and what it declares. */
    record Field(String path, List<Object> location, Class<?> type, Type genericType, Method accessor) {

        boolean required() {
            return type.isPrimitive() || accessor.isAnnotationPresent(NotNull.class)
                    || accessor.isAnnotationPresent(NotBlank.class) || accessor.isAnnotationPresent(NotEmpty.class);
        }

        boolean freeText() {
            return accessor.isAnnotationPresent(FreeText.class);
        }

        boolean id() {
            return type == String.class && accessor.isAnnotationPresent(Pattern.class);
        }

        boolean listOfIds() {
            return type == List.class && elementType() == String.class;
        }

        Class<?> elementType() {
            return genericType instanceof ParameterizedType parameterized
                    && parameterized.getActualTypeArguments()[0] instanceof Class<?> element ? element : Object.class;
        }

        /** The last name in the path: what a problem detail names at least. */
        String leaf() {
            String last = path.substring(path.lastIndexOf('.') + 1);
            int bracket = last.indexOf('[');
            return bracket >= 0 ? last.substring(0, bracket) : last;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    /** Non-ASCII as JSON \\u escapes (four hex digits each): the only way to put a lone surrogate into JSON text. */
    private static final ObjectWriter ESCAPING = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final int ONE_MEGABYTE = 1 << 20;
    static final int HUGE_ARRAY = 100_000;

    /** Path segments that try to leave the resource: encoded, double-encoded, backslashes, NUL, look-alikes. */
    static final List<String> HOSTILE_SEGMENTS = List.of(
            "..%2F..%2Fetc%2Fpasswd", "..%252F..%252Fetc%252Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "..%5C..%5Cwindows%5Cwin.ini", "..", "..;", "%2e%2e", "etc%00passwd", "%00",
            "%E2%80%AEtegrat-elitsoh", "%D1%96ssue-1", "issue-%EF%BC%92%EF%BC%90", "%27%20or%201%3D1%20--",
            "a".repeat(300), "%F0%A0%80%80", "%ED%A0%80", "%FF%FE");

    /** Path values that are not a segment at all: a real traversal in the URL. */
    static final List<String> HOSTILE_PATHS = List.of("../../etc/passwd", "..\\..\\windows\\win.ini".replace("\\", "%5C"),
            "./.././../etc/passwd", "%2F%2Fetc%2Fpasswd");

    static final List<String> MALFORMED_JSON = List.of("{", "}", "{\"title\": [}", "{\"a\":1,}", "{'id':'x'}",
            "{\"id\": \"unterminated}", "{\"percent\": NaN}", "{\"percent\": Infinity}", "{\"x\": 01}",
            "[]", "[{}]", "\"text\"", "42", "true", "null", "", " ", "\u0000", "{\"a\":1} trailing",
            "{} {}", "{\"a\" 1}", "{\"a\":1 /* comment */}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}",
            "{".repeat(2000) + "}".repeat(2000));

    /** Characters free text refuses (FreeText), inserted into an otherwise normal text. */
    static final List<Integer> REFUSED_CHARACTERS = List.of(0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F,
            0x80, 0x85, 0x9B, 0x9F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B,
            0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD, 0x061C, 0x2028, 0x2029, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE0001);

    static final List<String> BAD_IDS = List.of("../../etc/passwd", "..\\..\\windows", "..", "/etc/passwd",
            "іssue-1", "issue-２０２６", "issue\u202E1-eussi", "issue\u0000", " issue-1", "issue 1", "",
            "a".repeat(65), "'; drop table domain_event_entry; --", "%2e%2e%2f", "\uD800");

    static final List<String> BAD_DATES = List.of("\"2026-02-30\"", "\"2026-13-01\"", "\"2026-00-10\"",
            "\"2026-1-1\"", "\"2026/01/01\"", "\"01.01.2026\"", "\"10000-01-01\"", "\"+1000000000-01-01\"",
            "\"-999999999999-01-01\"", "\"2026-01-01T00:00:00Z\"", "\"yesterday\"", "\"\"", "20260101",
            "[2026,13,1]", "{\"year\":2026}", "true");

    static final List<String> BAD_NUMBERS = List.of("1e400", "-1e400", "99999999999999999999999", "50.7",
            "\"50\"", "\"abc\"", "true", "[]", "{}", "\"NaN\"", "1" + "0".repeat(500));

    static final List<String> BAD_DECIMALS = List.of("1e400", "-1", "12.345", "123456.5", "\"27.5\"", "true",
            "[]", "{}", "\"NaN\"", "1" + "0".repeat(500));

    private final Map<Class<?>, ObjectNode> baselines = new java.util.HashMap<>();
    private final long maxEvidenceBytes;

    HostileRequests(long maxEvidenceBytes) {
        this.maxEvidenceBytes = maxEvidenceBytes;
    }

    /** Whether the endpoint reads anything from the request at all (a path, a query, a body, a file). */
    static boolean takesInput(Endpoint endpoint) {
        return Arrays.stream(endpoint.handler().getMethodParameters()).anyMatch(parameter ->
                parameter.hasParameterAnnotation(PathVariable.class) || parameter.hasParameterAnnotation(RequestParam.class)
                        || parameter.hasParameterAnnotation(RequestBody.class)
                        || parameter.hasParameterAnnotation(RequestPart.class));
    }

    /** Every kind of attack that applies to this endpoint, one arbitrary per kind. */
    List<Arbitrary<HostileRequest>> attacksOn(Endpoint endpoint) {
        List<Arbitrary<HostileRequest>> attacks = new ArrayList<>();
        MethodParameter body = parameter(endpoint, RequestBody.class);
        for (MethodParameter path : parameters(endpoint, PathVariable.class)) {
            String name = name(path);
            attacks.add(Arbitraries.of(HOSTILE_SEGMENTS).map(segment -> request(endpoint, "path " + name + " = "
                    + abbreviate(segment), null, uri(endpoint, name, segment), body)));
            attacks.add(Arbitraries.of(HOSTILE_PATHS).map(traversal -> request(endpoint, "traversal in path "
                    + name + " = " + traversal, null, uri(endpoint, name, traversal), body)));
        }
        for (MethodParameter query : parameters(endpoint, RequestParam.class)) {
            List<String> values = wrongQueryValues(query);
            if (!values.isEmpty() && parameter(endpoint, RequestPart.class) == null) {
                String name = name(query);
                String named = query.getParameterType() == String.class ? null : name;
                attacks.add(Arbitraries.of(values).map(value -> request(endpoint, "query " + name + "=" + value,
                        named, URI.create(uri(endpoint, null, null) + "?" + name + "=" + value), body)));
            }
        }
        if (body != null) {
            attacks.addAll(bodyAttacks(endpoint, body.getParameterType()));
        }
        if (parameter(endpoint, RequestPart.class) != null) {
            attacks.addAll(uploadAttacks(endpoint));
        }
        return attacks;
    }

    // ----- JSON bodies -----

    private List<Arbitrary<HostileRequest>> bodyAttacks(Endpoint endpoint, Class<?> type) {
        ObjectNode baseline = baseline(type);
        List<Field> fields = fields(type, "", List.of());
        List<Arbitrary<HostileRequest>> attacks = new ArrayList<>();
        String valid = baseline.toString();
        attacks.add(Arbitraries.oneOf(
                Arbitraries.of(MALFORMED_JSON).map(text -> json(endpoint, "malformed JSON " + abbreviate(text),
                        null, text.getBytes(StandardCharsets.UTF_8))),
                Arbitraries.integers().between(1, valid.length() - 1).map(cut -> json(endpoint,
                        "JSON cut after " + cut + " characters", null,
                        valid.substring(0, cut).getBytes(StandardCharsets.UTF_8))),
                Arbitraries.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3, 0x28},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF})
                        .map(bytes -> json(endpoint, "invalid UTF-8 in a string", null, invalidUtf8(valid, bytes)))));
        attacks.add(Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x").map(mediaType -> request(endpoint, "body as " + mediaType, null,
                uri(endpoint, null, null), () -> builder(endpoint, uri(endpoint, null, null))
                        .contentType(mediaType).content(valid))));
        attacks.add(Arbitraries.of("deadLine", "isAdmin", "__proto__", "constructor", "id ", "Title", "status",
                "version", "actor", "unit", "$where").map(name -> {
                    ObjectNode spoiled = baseline.deepCopy();
                    spoiled.put(name, "x");
                    return json(endpoint, "unknown field", name, bytes(spoiled));
                }));
        if (!fields.isEmpty()) {
            Field first = fields.get(0);
            attacks.add(Arbitraries.just(json(endpoint, "duplicate field " + first.path(), null, ("{\""
                    + first.path() + "\":" + baseline.get(first.path()) + "," + valid.substring(1))
                    .getBytes(StandardCharsets.UTF_8))));
            attacks.add(Arbitraries.of(fields).flatMap(field -> Arbitraries.of(wrongTypes(field))
                    .map(value -> spoil(endpoint, baseline, field, "wrong type " + abbreviate(value), value))));
            attacks.add(Arbitraries.of(fields).map(field -> spoil(endpoint, baseline, field, "1 MB string",
                    JSON.valueToTree("整改".repeat(ONE_MEGABYTE / 4) + "x".repeat(ONE_MEGABYTE / 2)).toString())));
            attacks.add(Arbitraries.of(fields).map(field -> spoil(endpoint, baseline, field,
                    HUGE_ARRAY + "-element array", hugeArray(field))));
        }
        List<Field> required = fields.stream().filter(Field::required).toList();
        if (!required.isEmpty()) {
            attacks.add(Arbitraries.of(required).map(field -> spoil(endpoint, baseline, field, "missing", null)));
            attacks.add(Arbitraries.of(required).map(field -> spoil(endpoint, baseline, field, "null", "null")));
        }
        addTyped(attacks, endpoint, baseline, fields, f -> f.type().isEnum(), field -> enumValues(field.type()),
                "invalid enum value ");
        addTyped(attacks, endpoint, baseline, fields, f -> f.type() == LocalDate.class, field -> BAD_DATES,
                "invalid date ");
        addTyped(attacks, endpoint, baseline, fields, f -> isNumber(f.type()),
                field -> field.type() == BigDecimal.class ? BAD_DECIMALS : BAD_NUMBERS, "invalid number ");
        addTyped(attacks, endpoint, baseline, fields, f -> f.id() || f.listOfIds(),
                field -> BAD_IDS.stream().map(id -> field.listOfIds() ? "[" + escaped(id) + "]" : escaped(id))
                        .toList(), "invalid id ");
        List<Field> texts = fields.stream().filter(Field::freeText).toList();
        if (!texts.isEmpty()) {
            attacks.add(Arbitraries.of(texts).flatMap(field -> Arbitraries.of(REFUSED_CHARACTERS)
                    .flatMap(character -> Arbitraries.of("流动党员 Party members ２０２６年（一）", "𠀀𪚥「整改」",
                                    "Ünïcödé Русский 中文 العربية", "a")
                            .map(text -> {
                                int at = text.length() / 2;
                                String hostile = text.substring(0, at) + new String(Character.toChars(character))
                                        + text.substring(at);
                                return spoil(endpoint, baseline, field, String.format("U+%04X in text", character),
                                        escaped(hostile));
                            }))));
        }
        return attacks;
    }

    private void addTyped(List<Arbitrary<HostileRequest>> attacks, Endpoint endpoint, ObjectNode baseline,
                          List<Field> fields, java.util.function.Predicate<Field> applies,
                          java.util.function.Function<Field, List<String>> values, String what) {
        List<Field> matching = fields.stream().filter(applies).toList();
        if (!matching.isEmpty()) {
            attacks.add(Arbitraries.of(matching).flatMap(field -> Arbitraries.of(values.apply(field))
                    .map(value -> spoil(endpoint, baseline, field, what + abbreviate(value), value))));
        }
    }

    /** The baseline with one field replaced by raw JSON {@code value}, or removed when it is null. */
    private HostileRequest spoil(Endpoint endpoint, ObjectNode baseline, Field field, String what, String value) {
        ObjectNode spoiled = baseline.deepCopy();
        JsonNode container = spoiled;
        List<Object> location = field.location();
        for (int i = 0; i < location.size() - 1; i++) {
            Object step = location.get(i);
            container = step instanceof Integer index ? container.get(index) : container.get((String) step);
        }
        String name = (String) location.get(location.size() - 1);
        String marker = "\u0001hostile\u0001";
        if (value == null) {
            ((ObjectNode) container).remove(name);
            return json(endpoint, what, field.path(), bytes(spoiled));
        }
        ((ObjectNode) container).put(name, marker);
        String text = write(spoiled).replace(ESCAPED_MARKER, value);
        return json(endpoint, what, field.path(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static final String ESCAPED_MARKER = "\"\\u0001hostile\\u0001\"";

    private static List<String> wrongTypes(Field field) {
        if (field.type() == String.class) {
            return List.of("42", "-1.5", "true", "false", "{\"a\":1}", "[\"x\"]", "[]");
        }
        if (field.type().isEnum() || field.type() == LocalDate.class) {
            // not []: Jackson reads an empty array as null, i.e. as an absent optional value (harmless)
            return List.of("42", "-1.5", "true", "false", "{\"a\":1}", "[\"x\"]");
        }
        if (isNumber(field.type())) {
            return List.of("\"42\"", "\"abc\"", "true", "{\"a\":1}", "[1]");
        }
        if (field.type() == Boolean.class || field.type() == boolean.class) {
            return List.of("\"true\"", "1", "0", "{}", "[]");
        }
        if (field.type() == List.class) {
            return List.of("\"x\"", "42", "true", "{\"a\":1}");
        }
        return List.of("\"x\"", "42", "true", "[]");
    }

    private static String hugeArray(Field field) {
        String element = field.type() == List.class && field.elementType().isRecord()
                ? "{\"itemId\":\"item-1\",\"score\":1}" : "\"ev-1\"";
        return "[" + String.join(",", java.util.Collections.nCopies(HUGE_ARRAY, element)) + "]";
    }

    private static List<String> enumValues(Class<?> type) {
        Object first = type.getEnumConstants()[0];
        String name = ((Enum<?>) first).name();
        return List.of("\"NOT_A_VALUE\"", "\"" + name.toLowerCase() + "\"", "\"_" + name + "\"",
                "\"" + name.replace(name.charAt(0), 'М') + "\"", "\"\"", "0", "1", "\"0\"",
                "\"" + name + "\\u202E\"", "\"" + name + "\\u00A0x\"");
    }

    private static boolean isNumber(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == BigDecimal.class;
    }

    /** The request record's fields, one level into nested records and lists of records. */
    static List<Field> fields(Class<?> type, String prefix, List<Object> location) {
        List<Field> fields = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String path = prefix + component.getName();
            List<Object> here = new ArrayList<>(location);
            here.add(component.getName());
            Field field = new Field(path, here, component.getType(), component.getGenericType(),
                    component.getAccessor());
            fields.add(field);
            if (location.isEmpty() && component.getType().isRecord()) {
                fields.addAll(fields(component.getType(), path + ".", here));
            } else if (location.isEmpty() && field.type() == List.class && field.elementType().isRecord()) {
                List<Object> first = new ArrayList<>(here);
                first.add(0);
                fields.addAll(fields(field.elementType(), path + "[0].", first));
            }
        }
        return fields;
    }

    /** A valid body of this request record, from its fields' {@code @Schema} examples. */
    ObjectNode baseline(Class<?> type) {
        return baselines.computeIfAbsent(type, HostileRequests::fromExamples).deepCopy();
    }

    private static ObjectNode fromExamples(Class<?> type) {
        ObjectNode body = NODES.objectNode();
        for (RecordComponent component : type.getRecordComponents()) {
            Schema schema = component.getAccessor().getAnnotation(Schema.class);
            String example = schema == null ? "" : schema.example();
            if (!example.isEmpty()) {
                body.set(component.getName(), exampleValue(component.getType(), example));
            } else if (component.getType().isRecord()) {
                body.set(component.getName(), fromExamples(component.getType()));
            }
        }
        return body;
    }

    private static JsonNode exampleValue(Class<?> type, String example) {
        if (type == String.class || type.isEnum() || type == LocalDate.class || type == Instant.class) {
            return NODES.textNode(example);
        }
        try {
            return JSON.readTree(example);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the example of a " + type.getSimpleName() + " is no JSON: " + example, e);
        }
    }

    // ----- query parameters -----

    private static List<String> wrongQueryValues(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        if (type == List.class) {
            type = ResolvableType.forMethodParameter(parameter).getGeneric(0).resolve(Object.class);
        }
        String name = name(parameter);
        if (type.isEnum()) {
            return List.of("NOT_A_VALUE", "%D0%9CAJOR", "%27%20OR%201%3D1%20--", "%E2%80%AE", "0");
        }
        if (type == LocalDate.class) {
            return List.of("2026-02-30", "2026-13-01", "yesterday", "20260101", "%2B1000000000-01-01");
        }
        if (type == Instant.class) {
            return List.of("yesterday", "2026-13-01T00:00:00Z", "1e9", "2026-01-01", "%2B1000000001-01-01T00:00:00Z");
        }
        if (isNumber(type)) {
            return List.of("99999999999999999999", "1.5", "abc", "1e3", "%E2%80%AE1", "%00");
        }
        if (type == Boolean.class || type == boolean.class) {
            return List.of("maybe", "2", "%E2%80%AEtrue");
        }
        if (name.equals("format") || name.equals("groupBy") || name.equals("sort")) {
            return List.of("..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1%20--", "NOT_A_VALUE", "nosuch%00");
        }
        return List.of();
    }

    // ----- evidence upload -----

    private List<Arbitrary<HostileRequest>> uploadAttacks(Endpoint endpoint) {
        URI uri = uri(endpoint, null, null);
        byte[] png = HttpClientSupport.png();
        List<Arbitrary<HostileRequest>> attacks = new ArrayList<>();
        attacks.add(Arbitraries.just(upload(endpoint, "oversized upload", uri, "big.png", "image/png",
                () -> oversized(png))));
        attacks.add(Arbitraries.of(
                List.of("MZ executable as png", "x.png", "image/png", "MZ\u0090\u0000\u0003"),
                List.of("HTML with script", "report.pdf", "application/pdf", "<html><script>alert(1)</script>"),
                List.of("SVG with script", "x.svg", "image/svg+xml", "<svg onload=alert(1)></svg>"),
                List.of("shell script", "run.sh", "application/x-sh", "#!/bin/sh\nrm -rf /"),
                List.of("zip", "x.zip", "application/zip", "PK\u0003\u0004"),
                List.of("empty file", "empty.png", "image/png", ""),
                List.of("truncated PNG", "x.png", "image/png", "\u0089PNG")).map(spec -> upload(endpoint,
                spec.get(0), uri, spec.get(1), spec.get(2), () -> spec.get(3).getBytes(StandardCharsets.ISO_8859_1))));
        attacks.add(Arbitraries.of(BAD_IDS.stream().filter(id -> !id.isEmpty()).toList()).map(id ->
                new HostileRequest("evidence id " + abbreviate(id), endpoint, "id", () ->
                        MockMvcRequestBuilders.multipart(uri)
                                .file(new MockMultipartFile("file", "ok.png", "image/png", png)).param("id", id))));
        attacks.add(Arbitraries.just(new HostileRequest("no file part", endpoint, "file",
                () -> MockMvcRequestBuilders.multipart(uri).param("id", "ev-hostile"))));
        attacks.add(Arbitraries.of("wrong", "attachment", "files").map(part -> new HostileRequest(
                "file in part " + part, endpoint, "file", () -> MockMvcRequestBuilders.multipart(uri)
                        .file(new MockMultipartFile(part, "ok.png", "image/png", png)))));
        attacks.add(Arbitraries.just(request(endpoint, "JSON instead of multipart", null, uri,
                () -> builder(endpoint, uri).contentType(MediaType.APPLICATION_JSON).content("{\"file\":\"x\"}"))));
        return attacks;
    }

    private byte[] oversized(byte[] png) {
        byte[] content = Arrays.copyOf(png, (int) maxEvidenceBytes + 1);
        return content;
    }

    private static HostileRequest upload(Endpoint endpoint, String what, URI uri, String name, String type,
                                         Supplier<byte[]> content) {
        return new HostileRequest(what, endpoint, null, () -> MockMvcRequestBuilders.multipart(uri)
                .file(new MockMultipartFile("file", name, type, content.get())));
    }

    // ----- building requests -----

    private static HostileRequest json(Endpoint endpoint, String what, String field, byte[] content) {
        URI uri = uri(endpoint, null, null);
        return new HostileRequest(what, endpoint, field, () -> builder(endpoint, uri)
                .contentType(MediaType.APPLICATION_JSON).content(content));
    }

    /** A request to this URI, with a valid body if the endpoint takes one (so only the URI is hostile). */
    private HostileRequest request(Endpoint endpoint, String what, String field, URI uri, MethodParameter body) {
        if (body == null) {
            return new HostileRequest(what, endpoint, field, () -> builder(endpoint, uri));
        }
        byte[] valid = bytes(baseline(body.getParameterType()));
        return new HostileRequest(what, endpoint, field, () -> builder(endpoint, uri)
                .contentType(MediaType.APPLICATION_JSON).content(valid));
    }

    private static HostileRequest request(Endpoint endpoint, String what, String field, URI uri,
                                          Supplier<MockHttpServletRequestBuilder> request) {
        return new HostileRequest(what, endpoint, field, request);
    }

    private static MockHttpServletRequestBuilder builder(Endpoint endpoint, URI uri) {
        return MockMvcRequestBuilders.request(HttpMethod.valueOf(endpoint.method().name()), uri);
    }

    /**
     * The endpoint's URI with harmless values in its path variables ({@code kind}: issues; everything else an id
     * that exists nowhere), except {@code hostile}, whose raw (already encoded) {@code value} goes in as it is.
     */
    static URI uri(Endpoint endpoint, String hostile, String value) {
        Matcher variable = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(endpoint.pattern());
        StringBuilder uri = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String replacement = name.equals(hostile) ? value : name.equals("kind") ? "issues" : "hostile-target";
            variable.appendReplacement(uri, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(uri);
        return URI.create(uri.toString());
    }

    private static MethodParameter parameter(Endpoint endpoint, Class<? extends java.lang.annotation.Annotation> kind) {
        List<MethodParameter> found = parameters(endpoint, kind);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<MethodParameter> parameters(Endpoint endpoint,
                                                    Class<? extends java.lang.annotation.Annotation> kind) {
        return Arrays.stream(endpoint.handler().getMethodParameters())
                .filter(parameter -> parameter.hasParameterAnnotation(kind))
                .toList();
    }

    private static String name(MethodParameter parameter) {
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        for (String name : query != null ? List.of(query.name(), query.value())
                : path != null ? List.of(path.name(), path.value()) : List.<String>of()) {
            if (!name.isEmpty()) {
                return name;
            }
        }
        parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
        return parameter.getParameterName();
    }

    private static byte[] invalidUtf8(String valid, byte[] bytes) {
        int quote = valid.indexOf("\":\"") + 3;
        byte[] head = valid.substring(0, quote).getBytes(StandardCharsets.UTF_8);
        byte[] tail = valid.substring(quote).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + bytes.length + tail.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        System.arraycopy(tail, 0, all, head.length + bytes.length, tail.length);
        return all;
    }

    /** A JSON string literal with every non-ASCII character escaped (lone surrogates included). */
    static String escaped(String text) {
        try {
            return ESCAPING.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return ESCAPING.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
        StringBuilder printable = new StringBuilder();
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE) {
                printable.append(String.format("<U+%04X>", c));
            } else {
                printable.appendCodePoint(c);
            }
        });
        return printable.toString();
    }
}
