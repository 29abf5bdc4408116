package org.ledger.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.evidence.EvidenceFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The ledgers as XLSX and CSV: headers, rows, Chinese text, formula injection neutralised. */
class LedgerExportTest extends AppTestSupport {

    private static final String INJECTION = "=HYPERLINK(\"http://x\",\"y\")";
    private static final List<String> TAI_ZHANG = List.of("序号", "问题来源", "问题描述", "原因分析", "整改措施", "整改类型",
            "责任单位", "责任人", "整改时限", "整改进展", "完成情况", "佐证材料", "是否销号", "销号时间", "备注");

    @Autowired
    MockMvc mvc;

    private static boolean written;

    @BeforeEach
    void oneItemWithEvidence() throws Exception {
        if (written) {
            return;
        }
        new EvidenceFixtures(mvc).itemInProgress("issue-export-1", "rect-export-1", INJECTION);
        assertThat(mvc.perform(multipart("/api/rectifications/rect-export-1/evidence")
                        .file(new MockMultipartFile("file", "会议记录.pdf", "application/pdf", HttpClientSupport.pdf("x")))
                        .param("id", "ev-1").with(httpBasic("lead", "lead-pw")))
                .andReturn().getResponse().getStatus()).isEqualTo(201);
        written = true;
    }

    private MockHttpServletResponse export(String path) throws Exception {
        return mvc.perform(get(path).with(httpBasic("auditor", "auditor-pw"))).andReturn().getResponse();
    }

    private static List<Row> rows(byte[] xlsx) throws Exception {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            return workbook.getFirstSheet().read();
        }
    }

    @Test
    void theRectificationLedgerExportsAsXlsxInTaiZhangOrder() throws Exception {
        MockHttpServletResponse response = export("/api/ledgers/rectifications/export?format=xlsx&issueId=issue-export-1");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.getHeader("Content-Disposition"))
                .contains("filename*=UTF-8''%E6%95%B4%E6%94%B9%E5%8F%B0%E8%B4%A6-"); // 整改台账-
        List<Row> rows = rows(response.getContentAsByteArray());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).stream().map(cell -> cell.getText()).toList()).isEqualTo(TAI_ZHANG);
        Row row = rows.get(1);
        assertThat(row.getCellAsNumber(0)).hasValueSatisfying(n -> assertThat(n.intValue()).isEqualTo(1));
        assertThat(row.getCellText(1)).isEqualTo("专项督查");
        assertThat(row.getCellText(2)).isEqualTo("'" + INJECTION);
        assertThat(row.getCell(2).getType().name()).isEqualTo("STRING");
        assertThat(row.getCellText(4)).isEqualTo("建立流动党员微信群, 每月推送\n学习资料");
        assertThat(row.getCellText(5)).isEqualTo("限期整改");
        assertThat(row.getCellText(6)).isEqualTo("第一党支部");
        assertThat(row.getCellText(7)).isEqualTo("张明");
        assertThat(row.getCellText(11)).isEqualTo("会议记录.pdf");
        assertThat(row.getCellText(12)).isEqualTo("否");
    }

    @Test
    void theRectificationLedgerExportsAsCsvWithBom() throws Exception {
        MockHttpServletResponse response = export("/api/ledgers/rectifications/export?format=csv&issueId=issue-export-1");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/csv");
        byte[] bytes = response.getContentAsByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(csv).startsWith(String.join(",", TAI_ZHANG) + "\r\n");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(csv).contains("\"建立流动党员微信群, 每月推送\n学习资料\"");
        assertThat(csv.split("\r\n")).hasSize(2);
    }

    @Test
    void theRectificationExportTakesTheListsWarningAndWaitingFilters() throws Exception {
        // the item is approved and far from its deadline: GREEN, not waiting for anyone's verification
        String base = "/api/ledgers/rectifications/export?format=csv&issueId=issue-export-1";
        assertThat(csvLines(export(base + "&warningLevel=GREEN"))).hasSize(2);
        assertThat(csvLines(export(base + "&warningLevel=RED"))).hasSize(1);
        assertThat(csvLines(export(base + "&awaitingMyVerification=true"))).hasSize(1);
        assertThat(export(base + "&dueWithinDays=-1").getStatus()).isEqualTo(400);
    }

    private static String[] csvLines(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(200);
        byte[] bytes = response.getContentAsByteArray();
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n");
    }

    @Test
    void theIssueLedgerExportsWithItsFilters() throws Exception {
        MockHttpServletResponse response = export("/api/ledgers/issues/export?q=HYPERLINK");

        assertThat(response.getStatus()).isEqualTo(200);
        List<Row> rows = rows(response.getContentAsByteArray());
        assertThat(rows.get(0).getCellText(0)).isEqualTo("序号");
        assertThat(rows.get(0).getCellText(1)).isEqualTo("问题标题");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
        assertThat(rows.subList(1, rows.size())).allSatisfy(row ->
                assertThat(row.getCellText(1)).isEqualTo("'" + INJECTION));
        assertThat(rows.get(1).getCellText(3)).isEqualTo("专项督查");
    }

    @Test
    void theAgreementLedgersExportTheirHeaders() throws Exception {
        MockHttpServletResponse responsibilities = export("/api/ledgers/responsibilities/export?format=csv");
        MockHttpServletResponse tasks = export("/api/ledgers/tasks/export?format=xlsx");

        assertThat(responsibilities.getStatus()).isEqualTo(200);
        assertThat(responsibilities.getContentAsString(StandardCharsets.UTF_8)).startsWith("\uFEFF序号,责任书,");
        assertThat(tasks.getStatus()).isEqualTo(200);
        assertThat(rows(tasks.getContentAsByteArray()).get(0).getCellText(5)).isEqualTo("任务内容");
    }

    @Test
    void anUnknownLedgerOrFormatIsRefused() throws Exception {
        MockHttpServletResponse unknownLedger = export("/api/ledgers/nonsense/export?format=csv");
        MockHttpServletResponse unknownFormat = export("/api/ledgers/issues/export?format=pdf");
        MockHttpServletResponse badSort = export("/api/ledgers/issues/export?sort=password");

        assertThat(unknownLedger.getStatus()).isEqualTo(404);
        assertThat(unknownLedger.getContentType()).isEqualTo("application/problem+json");
        assertThat(unknownFormat.getStatus()).isEqualTo(400);
        assertThat(unknownFormat.getContentType()).isEqualTo("application/problem+json");
        assertThat(badSort.getStatus()).isEqualTo(400);
    }
}
