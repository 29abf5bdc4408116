package org.ledger.command.evidence;

import org.ledger.command.support.FreeTextValidator;

/**
 * The client's file name is metadata only (shown in the ledger and offered again on download); it never names a
 * file on disk. What is kept: the last path segment (either separator), without the characters free text refuses
 * ({@link FreeTextValidator}: control and invisible format characters, such as a right-to-left override that would
 * show "report" + U+202E + "gpj.exe" as {@code reportexe.jpg}, and unpaired surrogates) and without line breaks and
 * tabs, trimmed, at most 255 characters; {@code evidence} when nothing is left.
 */
public final class EvidenceNames {

    public static final int MAX_LENGTH = 255;
    private static final String FALLBACK = "evidence";

    private EvidenceNames() {
    }

    public static String sanitise(String clientName) {
        if (clientName == null) {
            return FALLBACK;
        }
        String name = clientName;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints()
                .filter(c -> !FreeTextValidator.refuses(c) && !Character.isISOControl(c))
                .forEach(kept::appendCodePoint);
        name = kept.toString().strip();
        if (name.equals(".") || name.equals("..")) {
            name = "";
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH));
        }
        return name.isEmpty() ? FALLBACK : name;
    }
}
