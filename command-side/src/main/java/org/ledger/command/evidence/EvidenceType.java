package org.ledger.command.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The kinds of evidence file users send (scans, screenshots, photos, office documents, notes), recognised from
 * their bytes, never from what the client says they are.
 *
 * <p>Why a small table and not Apache Tika: {@code tika-core} alone recognises a DOCX or XLSX only as a ZIP and a
 * DOC or XLS only as an OLE2 container; telling them apart needs {@code tika-parsers} with Apache POI, tens of
 * megabytes for nine file kinds. The nine are fixed by what the ledger accepts, and each has a well-known
 * signature: PDF {@code %PDF-}; PNG, JPEG and GIF their magic numbers; DOCX/XLSX a ZIP holding
 * {@code word/document.xml} / {@code xl/workbook.xml}; DOC/XLS an OLE2 compound file whose directory names a
 * {@code WordDocument} / {@code Workbook} stream; plain text valid UTF-8 without control characters.
 * Anything else is refused (415).
 */
public enum EvidenceType {

    PDF("application/pdf", Set.of("application/pdf", "application/x-pdf"), Set.of("pdf")),
    PNG("image/png", Set.of("image/png"), Set.of("png")),
    JPEG("image/jpeg", Set.of("image/jpeg", "image/jpg", "image/pjpeg"), Set.of("jpg", "jpeg", "jpe", "jfif")),
    GIF("image/gif", Set.of("image/gif"), Set.of("gif")),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Set.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document"), Set.of("docx")),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Set.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), Set.of("xlsx")),
    DOC("application/msword", Set.of("application/msword"), Set.of("doc")),
    XLS("application/vnd.ms-excel", Set.of("application/vnd.ms-excel", "application/excel"), Set.of("xls")),
    /** UTF-8 text; Windows browsers declare a {@code .csv} file as {@code application/vnd.ms-excel}, so that passes. */
    TEXT("text/plain", Set.of("text/plain", "text/csv", "text/markdown", "application/csv", "application/vnd.ms-excel"),
            Set.of("txt", "csv", "md", "log"));

    /** Declared types that claim nothing: the check then rests on the bytes (and the extension) alone. */
    private static final Set<String> GENERIC = Set.of("", "application/octet-stream", "binary/octet-stream",
            "application/unknown", "application/x-unknown");

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
            0x1A, (byte) 0xE1};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 0x03, 0x04};
    /** Zip entries looked at before giving up on finding an office document's main part. */
    private static final int MAX_ZIP_ENTRIES = 10_000;

    private final String mediaType;
    private final Set<String> declaredAs;
    private final Set<String> extensions;

    EvidenceType(String mediaType, Set<String> declaredAs, Set<String> extensions) {
        this.mediaType = mediaType;
        this.declaredAs = declaredAs;
        this.extensions = extensions;
    }

    /** The media type recorded in the event and served back. */
    public String mediaType() {
        return mediaType;
    }

    /** Something that can be read from the start more than once (an uploaded part, a stored file). */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** The kind of the content, from its bytes; empty when it is none of the accepted kinds. */
    public static Optional<EvidenceType> detect(Content content) throws IOException {
        byte[] head;
        try (InputStream in = content.open()) {
            head = in.readNBytes(8);
        }
        if (startsWith(head, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(PDF);
        }
        if (startsWith(head, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, "GIF87a".getBytes(StandardCharsets.US_ASCII))
                || startsWith(head, "GIF89a".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(GIF);
        }
        if (startsWith(head, ZIP_MAGIC)) {
            return officeOpenXml(content);
        }
        if (startsWith(head, OLE2_MAGIC)) {
            return compoundDocument(content);
        }
        return utf8Text(content) ? Optional.of(TEXT) : Optional.empty();
    }

    /**
     * Whether what the client declared (part content type, file name extension) agrees with the detected kind.
     * A generic declared type ({@code application/octet-stream}, none) and an extension we do not know claim
     * nothing; anything else must name this kind.
     */
    public boolean agreesWith(String declaredMediaType, String fileName) {
        String declared = declaredMediaType == null ? "" : declaredMediaType.toLowerCase(Locale.ROOT);
        int semicolon = declared.indexOf(';');
        if (semicolon >= 0) {
            declared = declared.substring(0, semicolon);
        }
        declared = declared.trim();
        if (!GENERIC.contains(declared) && !declaredAs.contains(declared)) {
            return false;
        }
        String extension = extension(fileName);
        if (extension == null || Arrays.stream(values()).noneMatch(kind -> kind.extensions.contains(extension))) {
            return true;
        }
        return extensions.contains(extension);
    }

    private static String extension(String fileName) {
        if (fileName == null) {
            return null;
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? null : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Optional<EvidenceType> officeOpenXml(Content content) throws IOException {
        boolean contentTypes = false;
        EvidenceType found = null;
        try (ZipInputStream zip = new ZipInputStream(content.open())) {
            ZipEntry entry;
            int seen = 0;
            while ((entry = zip.getNextEntry()) != null && seen++ < MAX_ZIP_ENTRIES) {
                String name = entry.getName();
                if (name.equals("[Content_Types].xml")) {
                    contentTypes = true;
                } else if (name.equals("word/document.xml")) {
                    found = DOCX;
                } else if (name.equals("xl/workbook.xml")) {
                    found = XLSX;
                }
                if (contentTypes && found != null) {
                    return Optional.of(found);
                }
            }
        } catch (ZipException | IllegalArgumentException broken) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * An OLE2 compound file is a DOC when its directory holds a {@code WordDocument} stream and an XLS when it
     * holds a {@code Workbook} (or the older {@code Book}). Directory entries are 128 bytes and sectors are
     * multiples of 128 bytes, so every entry starts at a multiple of 128: each such block is checked for the
     * UTF-16LE name and its matching length field (offset 64).
     */
    private static Optional<EvidenceType> compoundDocument(Content content) throws IOException {
        byte[] wordDocument = utf16("WordDocument");
        byte[] workbook = utf16("Workbook");
        byte[] book = utf16("Book");
        try (InputStream in = content.open()) {
            byte[] block;
            while ((block = in.readNBytes(128)).length == 128) {
                if (directoryEntry(block, wordDocument)) {
                    return Optional.of(DOC);
                }
                if (directoryEntry(block, workbook) || directoryEntry(block, book)) {
                    return Optional.of(XLS);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean directoryEntry(byte[] block, byte[] name) {
        int length = (block[64] & 0xFF) | (block[65] & 0xFF) << 8;
        return length == name.length + 2 && startsWith(block, name) && block[name.length] == 0
                && block[name.length + 1] == 0;
    }

    private static byte[] utf16(String name) {
        return name.getBytes(StandardCharsets.UTF_16LE);
    }

    /** Valid UTF-8 (a BOM allowed) without control characters other than tab, line feed, form feed and CR. */
    private static boolean utf8Text(Content content) throws IOException {
        boolean any = false;
        try (Reader reader = new InputStreamReader(content.open(), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            char[] buffer = new char[8192];
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    any = true;
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F) {
                        return false;
                    }
                }
            }
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
        return any;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
