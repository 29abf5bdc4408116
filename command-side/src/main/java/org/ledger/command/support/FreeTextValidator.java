package org.ledger.command.support;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link FreeText}; {@link #refuses(int)} is the rule itself, shared with the evidence file names. */
public class FreeTextValidator implements ConstraintValidator<FreeText, CharSequence> {

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || firstRefused(value) < 0;
    }

    /** The index of the first refused character of {@code text}, or -1 when the whole text is acceptable. */
    public static int firstRefused(CharSequence text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (refuses(Character.toCodePoint(c, text.charAt(i + 1)))) {
                    return i;
                }
                i += 2;
                continue;
            }
            if (refuses(c)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** Whether free text refuses this code point (a lone surrogate arrives here as its own code point). */
    public static boolean refuses(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL -> codePoint != '\n' && codePoint != '\r' && codePoint != '\t';
            case Character.FORMAT -> codePoint != ZERO_WIDTH_NON_JOINER && codePoint != ZERO_WIDTH_JOINER;
            // U+2028 / U+2029: line breaks that only some readers honour; \n is the ledger's line break
            case Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }
}
