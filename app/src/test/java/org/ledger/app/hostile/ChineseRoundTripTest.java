package org.ledger.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.TestUnits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Chinese text comes back byte for byte (issue 8): what a command stores is what every read shows, the ledger's
 * list and single row, the history, the audit log, the CSV export (UTF-8 with a byte-order mark, as Excel needs)
 * and the XLSX export. The text mixes ordinary and rare characters on purpose: supplementary-plane CJK (𠀀 U+20000,
 * 𪚥 U+2A6A5, four bytes in UTF-8 and a surrogate pair in Java, the first thing a 3-byte "utf8" column or a
 * char-by-char cut breaks), full-width punctuation, 〇, full-width Latin, Latin, Greek and a line break.
 */
class ChineseRoundTripTest extends AppTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Autowired
    MockMvc mvc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String id = "zh-" + run;
    private final String title = "整改𠀀𪚥“引号”《文件》（括号）、顿号。〇 Mixed Latin ABC 123 ａｂｃ " + run;
    private final String description = "部分流动党员长期未参加组织生活；𠀀𪚥〇。\n第二行：「引文」—— Ελληνικά, français ½";
    private final String reason = "撤销理由：与《2026年自查》第３项重复（已合并）、𪚥。";

    @Test
    void chineseTextComesBackByteForByteFromEveryRead() throws Exception {
        TestUnits.ensure(mvc);
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("id", id);
        issue.put("title", title);
        issue.put("description", description);
        issue.put("source", "SELF_EXAMINATION");
        issue.put("responsibleUnitId", "branch-1");
        issue.put("raisedByUnitId", "jgw");
        issue.put("foundOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString());
        assertThat(send("/api/issues", issue).getStatus()).isEqualTo(201);
        assertThat(send("/api/issues/" + id + "/dismissal", Map.of("reason", reason)).getStatus()).isEqualTo(200);

        JsonNode row = json("/api/ledgers/issues/" + id);
        assertSameBytes(row.get("title"), title);
        assertSameBytes(row.get("description"), description);
        assertSameBytes(row.get("dismissalReason"), reason);

        JsonNode list = json("/api/ledgers/issues?q=" + run).get("content");
        assertThat(list).hasSize(1);
        assertSameBytes(list.get(0).get("title"), title);

        JsonNode history = json("/api/issues/" + id + "/history");
        assertSameBytes(event(history, "IssueRegistered").get("payload").get("title"), title);
        assertSameBytes(event(history, "IssueRegistered").get("payload").get("description"), description);
        assertSameBytes(event(history, "IssueDismissed").get("reason"), reason);

        JsonNode audit = json("/api/audit/events?aggregateId=" + id).get("content");
        assertSameBytes(event(audit, "IssueRegistered").get("payload").get("title"), title);
        assertSameBytes(event(audit, "IssueDismissed").get("reason"), reason);

        byte[] csv = read("/api/ledgers/issues/export?format=csv&q=" + run).getContentAsByteArray();
        assertThat(Arrays.copyOf(csv, 3)).as("UTF-8 byte-order mark").isEqualTo(BOM);
        for (String text : List.of(title, description, reason)) {
            assertThat(indexOf(csv, text.getBytes(StandardCharsets.UTF_8))).as("CSV holds the bytes of " + text)
                    .isPositive();
        }

        byte[] xlsx = read("/api/ledgers/issues/export?format=xlsx&q=" + run).getContentAsByteArray();
        List<String> cells = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(2);
            rows.get(1).forEach(cell -> cells.add(cell == null ? null : cell.getText()));
        }
        for (String text : List.of(title, description, reason)) {
            assertThat(cells.stream().filter(cell -> cell != null
                    && Arrays.equals(cell.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8))))
                    .as("an XLSX cell holds exactly " + text).hasSize(1);
        }
    }

    private static void assertSameBytes(JsonNode value, String expected) {
        assertThat(value).as("value for " + expected).isNotNull();
        assertThat(value.asText().getBytes(StandardCharsets.UTF_8)).as(value.asText())
                .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode event(JsonNode entries, String type) {
        for (JsonNode entry : entries) {
            if (type.equals(entry.path("type").asText())) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " among " + entries);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private MockHttpServletResponse send(String path, Object body) throws Exception {
        // raw UTF-8 bytes on the wire, as a browser sends them
        return mvc.perform(post(path).with(httpBasic("supervisor", "supervisor-pw"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8)))
                .andReturn().getResponse();
    }

    private MockHttpServletResponse read(String path) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path).with(httpBasic("auditor", "auditor-pw")))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as(path + ": " + response.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(200);
        return response;
    }

    /** Parsed from the response's bytes as UTF-8, whatever charset the response names. */
    private JsonNode json(String path) throws Exception {
        return JSON.readTree(read(path).getContentAsByteArray());
    }
}
