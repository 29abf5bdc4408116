package org.ledger.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.HttpClientSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** Evidence files (佐证材料): upload, content-addressed storage, download with hash verification, refusals. */
class EvidenceFilesTest extends AppTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    private Path store() {
        return DATA_DIR.resolve("evidence");
    }

    private MockHttpServletResponse upload(String item, String id, String name, String type, byte[] content)
            throws Exception {
        var request = multipart("/api/rectifications/" + item + "/evidence")
                .file(new MockMultipartFile("file", name, type, content))
                .with(httpBasic("lead", "lead-pw"));
        if (id != null) {
            request.param("id", id);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private MockHttpServletResponse download(String item, String id) throws Exception {
        return mvc.perform(get("/api/rectifications/" + item + "/evidence/" + id).with(httpBasic("auditor", "auditor-pw")))
                .andReturn().getResponse();
    }

    private long events(String item) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, item);
    }

    /** Every regular file in the store outside tmp/. */
    private List<Path> storedFiles() throws Exception {
        if (!Files.exists(store())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(store())) {
            return files.filter(Files::isRegularFile).filter(p -> !store().relativize(p).startsWith("tmp")).toList();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anUploadIsStoredUnderItsHashAndServedBackVerified() throws Exception {
        new EvidenceFixtures(mvc).itemInProgress("issue-ev-1", "rect-ev-1", "佐证上传");
        byte[] png = HttpClientSupport.png();

        MockHttpServletResponse created = upload("rect-ev-1", "ev-1", "微信群截图.png", "image/png", png);

        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        JsonNode body = EvidenceFixtures.JSON.readTree(created.getContentAsString());
        assertThat(body.get("id").asText()).isEqualTo("ev-1");
        assertThat(body.get("sha256").asText()).isEqualTo(sha256(png));
        assertThat(body.get("mediaType").asText()).isEqualTo("image/png");
        assertThat(body.get("size").asLong()).isEqualTo(png.length);
        String hash = sha256(png);
        assertThat(store().resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash)).hasBinaryContent(png);

        MockHttpServletResponse served = download("rect-ev-1", "ev-1");
        assertThat(served.getStatus()).isEqualTo(200);
        assertThat(served.getContentAsByteArray()).isEqualTo(png);
        assertThat(served.getContentType()).isEqualTo("image/png");
        assertThat(served.getHeader("ETag")).isEqualTo("\"" + hash + "\"");
        assertThat(served.getHeader("Content-Disposition"))
                .startsWith("attachment").contains("filename*=UTF-8''%E5%BE%AE%E4%BF%A1");

        assertThat(download("rect-ev-1", "ev-unknown").getStatus()).isEqualTo(404);
        assertThat(download("rect-other", "ev-1").getStatus()).isEqualTo(404);
    }

    @Test
    void anOversizedUploadIsRefusedWith413AndChangesNothing() throws Exception {
        new EvidenceFixtures(mvc).itemInProgress("issue-ev-2", "rect-ev-2", "佐证过大");
        long before = events("rect-ev-2");
        List<Path> filesBefore = storedFiles();
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 9);

        MockHttpServletResponse refused = upload("rect-ev-2", "ev-big", "big.pdf", "application/pdf", big);

        assertThat(refused.getStatus()).isEqualTo(413);
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(events("rect-ev-2")).isEqualTo(before);
        assertThat(storedFiles()).containsExactlyInAnyOrderElementsOf(filesBefore);
    }

    @Test
    void aPngDeclaredAsPdfIsRefused() throws Exception {
        new EvidenceFixtures(mvc).itemInProgress("issue-ev-3", "rect-ev-3", "类型不符");
        long before = events("rect-ev-3");

        MockHttpServletResponse declaredPdf = upload("rect-ev-3", "ev-x", "scan.png", "application/pdf",
                HttpClientSupport.png());
        MockHttpServletResponse namedPdf = upload("rect-ev-3", "ev-y", "scan.pdf", "application/octet-stream",
                HttpClientSupport.png());
        MockHttpServletResponse executable = upload("rect-ev-3", "ev-z", "tool.exe", "application/octet-stream",
                new byte[] {'M', 'Z', 0, 1, 2, 3});

        assertThat(declaredPdf.getStatus()).isEqualTo(415);
        assertThat(declaredPdf.getContentAsString()).contains("image/png");
        assertThat(namedPdf.getStatus()).isEqualTo(415);
        assertThat(executable.getStatus()).isEqualTo(415);
        assertThat(events("rect-ev-3")).isEqualTo(before);
    }

    @Test
    void aPathInTheFileNameIsOnlyMetadata() throws Exception {
        new EvidenceFixtures(mvc).itemInProgress("issue-ev-4", "rect-ev-4", "路径文件名");
        byte[] text = "整改说明：已完成\n".getBytes(StandardCharsets.UTF_8);

        MockHttpServletResponse created = upload("rect-ev-4", "ev-1", "../../etc/passwd", "text/plain", text);

        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        assertThat(EvidenceFixtures.JSON.readTree(created.getContentAsString()).get("name").asText())
                .isEqualTo("passwd");
        assertThat(storedFiles()).allSatisfy(file -> assertThat(file.getFileName().toString()).matches("[0-9a-f]{64}"));
        assertThat(DATA_DIR.getParent().resolve("etc")).doesNotExist();
        MockHttpServletResponse served = download("rect-ev-4", "ev-1");
        assertThat(served.getContentAsByteArray()).isEqualTo(text);
        assertThat(served.getContentType()).isEqualTo("text/plain;charset=UTF-8");
    }

    @Test
    void identicalContentIsStoredOnce() throws Exception {
        new EvidenceFixtures(mvc).itemInProgress("issue-ev-5", "rect-ev-5", "重复内容");
        byte[] pdf = HttpClientSupport.pdf("same content " + System.nanoTime());
        String hash = sha256(pdf);

        assertThat(upload("rect-ev-5", "ev-1", "a.pdf", "application/pdf", pdf).getStatus()).isEqualTo(201);
        assertThat(upload("rect-ev-5", "ev-2", "b.pdf", "application/pdf", pdf).getStatus()).isEqualTo(201);

        assertThat(storedFiles().stream().filter(p -> p.getFileName().toString().equals(hash))).hasSize(1);
        assertThat(download("rect-ev-5", "ev-2").getContentAsByteArray()).isEqualTo(pdf);
    }

    @Test
    void aTamperedFileIsNeverServed() throws Exception {
        new EvidenceFixtures(mvc).itemInProgress("issue-ev-6", "rect-ev-6", "篡改");
        byte[] pdf = HttpClientSupport.pdf("original " + System.nanoTime());
        String hash = sha256(pdf);
        assertThat(upload("rect-ev-6", "ev-1", "a.pdf", "application/pdf", pdf).getStatus()).isEqualTo(201);
        Path file = store().resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
        Files.write(file, HttpClientSupport.pdf("forged"));

        MockHttpServletResponse served = download("rect-ev-6", "ev-1");

        assertThat(served.getStatus()).isEqualTo(500);
        assertThat(served.getContentType()).isEqualTo("application/problem+json");
        assertThat(served.getContentAsString()).contains("corrupt").doesNotContain("forged");
    }

    @Test
    void closureNeedsAnUploadedFile() throws Exception {
        EvidenceFixtures fixtures = new EvidenceFixtures(mvc);
        fixtures.itemInProgress("issue-ev-7", "rect-ev-7", "销号需佐证");
        MockHttpServletResponse withoutFile = fixtures.send("lead", "/api/rectifications/rect-ev-7/closure-request",
                java.util.Map.of("statement", "已完成", "evidenceIds", List.of("ev-1")));
        assertThat(withoutFile.getStatus()).isEqualTo(409);

        assertThat(upload("rect-ev-7", "ev-1", "done.pdf", "application/pdf", HttpClientSupport.pdf("done"))
                .getStatus()).isEqualTo(201);
        assertThat(fixtures.send("lead", "/api/rectifications/rect-ev-7/closure-request",
                java.util.Map.of("statement", "已完成", "evidenceIds", List.of("ev-1"))).getStatus()).isEqualTo(200);
    }
}
