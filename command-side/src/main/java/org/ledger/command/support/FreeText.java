package org.ledger.command.support;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text a person typed (a title, a description, a reason, a name, a comment): what the ledgers, the exports
 * and the printed forms show verbatim. It must not carry characters that the reader cannot see but that change
 * what the text says or how it sorts, searches and prints ({@link FreeTextValidator#refuses(int)}):
 *
 * <ul>
 *   <li>control characters (C0, DEL, C1) other than line feed, carriage return and tab, and the Unicode line and
 *       paragraph separators U+2028 / U+2029 (line breaks only some readers honour);</li>
 *   <li>invisible format characters: bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 *       U+2066–U+2069, the "Trojan Source" trick that shows {@code 整改完成} for a text saying otherwise), zero-width
 *       space, word joiner, byte-order mark, soft hyphen… (Unicode category Cf), except the zero-width (non-)joiner
 *       that some scripts and emoji need;</li>
 *   <li>unpaired surrogates (not text at all: they cannot be encoded in UTF-8, so they would not survive a store or
 *       an export byte for byte).</li>
 * </ul>
 *
 * Everything else is accepted: Chinese (supplementary-plane characters such as 𠀀 included), Latin and other
 * scripts mixed freely, digits, ASCII and full-width punctuation, line breaks. {@code null} is valid (combine with
 * {@code @NotBlank} where the text is required).
 */
@Documented
@Constraint(validatedBy = FreeTextValidator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.CONSTRUCTOR,
        ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface FreeText {

    String message() default "must not contain control characters (other than line breaks and tabs), invisible "
            + "format characters such as bidirectional overrides or zero-width spaces, or unpaired surrogates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
