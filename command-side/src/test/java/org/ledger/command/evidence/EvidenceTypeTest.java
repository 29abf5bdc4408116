package org.ledger.command.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Evidence kinds from their bytes, and whether the declared type and name agree. */
class EvidenceTypeTest {

    private static Optional<EvidenceType> detect(byte[] bytes) throws Exception {
        return EvidenceType.detect(() -> new ByteArrayInputStream(bytes));
    }

    private static byte[] zip(String... entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A header sector and one directory sector whose second entry is named {@code name}. */
    private static byte[] ole2(String name) {
        byte[] file = new byte[1024];
        System.arraycopy(HexFormat.of().parseHex("d0cf11e0a1b11ae1"), 0, file, 0, 8);
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16LE);
        int entry = 512 + 128;
        System.arraycopy(utf16, 0, file, entry, utf16.length);
        file[entry + 64] = (byte) (utf16.length + 2);
        return file;
    }

    @Test
    void recognisesTheAcceptedKinds() throws Exception {
        assertThat(detect("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII))).contains(EvidenceType.PDF);
        assertThat(detect(HexFormat.of().parseHex("89504e470d0a1a0a0000"))).contains(EvidenceType.PNG);
        assertThat(detect(HexFormat.of().parseHex("ffd8ffe000104a464946"))).contains(EvidenceType.JPEG);
        assertThat(detect("GIF89a....".getBytes(StandardCharsets.US_ASCII))).contains(EvidenceType.GIF);
        assertThat(detect(zip("[Content_Types].xml", "word/document.xml"))).contains(EvidenceType.DOCX);
        assertThat(detect(zip("[Content_Types].xml", "xl/workbook.xml"))).contains(EvidenceType.XLSX);
        assertThat(detect(ole2("WordDocument"))).contains(EvidenceType.DOC);
        assertThat(detect(ole2("Workbook"))).contains(EvidenceType.XLS);
        assertThat(detect("\uFEFF整改说明\r\n已完成\t100%".getBytes(StandardCharsets.UTF_8))).contains(EvidenceType.TEXT);
    }

    @Test
    void refusesEverythingElse() throws Exception {
        assertThat(detect(zip("a.txt"))).isEmpty();
        assertThat(detect(ole2("Other"))).isEmpty();
        assertThat(detect(new byte[] {'M', 'Z', 0, 0})).isEmpty();
        assertThat(detect(new byte[] {(byte) 0xC3, (byte) 0x28})).isEmpty(); // not UTF-8
        assertThat(detect(new byte[0])).isEmpty();
    }

    @Test
    void theDeclaredTypeAndExtensionMustAgree() {
        assertThat(EvidenceType.PNG.agreesWith("image/png", "a.png")).isTrue();
        assertThat(EvidenceType.PNG.agreesWith("application/octet-stream", "a")).isTrue();
        assertThat(EvidenceType.PNG.agreesWith(null, "scan.unknownext")).isTrue();
        assertThat(EvidenceType.PNG.agreesWith("application/pdf", "a.png")).isFalse();
        assertThat(EvidenceType.PNG.agreesWith("image/png", "a.pdf")).isFalse();
        assertThat(EvidenceType.JPEG.agreesWith("image/jpg", "photo.JPG")).isTrue();
        assertThat(EvidenceType.TEXT.agreesWith("text/plain; charset=utf-8", "说明.txt")).isTrue();
        assertThat(EvidenceType.TEXT.agreesWith("application/vnd.ms-excel", "名单.csv")).isTrue();
    }

    @Test
    void fileNamesLoseTheirPaths() {
        assertThat(EvidenceNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(EvidenceNames.sanitise("C:\\Users\\张明\\整改报告.docx")).isEqualTo("整改报告.docx");
        assertThat(EvidenceNames.sanitise("..")).isEqualTo("evidence");
        assertThat(EvidenceNames.sanitise("a\u0000b\n.pdf")).isEqualTo("ab.pdf");
        assertThat(EvidenceNames.sanitise(null)).isEqualTo("evidence");
    }
}
