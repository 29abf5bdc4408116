package org.ledger.command.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The text rule of {@link FreeText}: what a person may type into a title, a reason, a name. */
class FreeTextValidatorTest {

    private final FreeTextValidator validator = new FreeTextValidator();

    @Test
    void chineseLatinDigitsPunctuationAndLineBreaksAreAccepted() {
        for (String text : List.of("流动党员管理存在欠缺", "𠀀𪚥〇", "“引号”《文件》（括号）、顿号。：；！？",
                "２０２６年第３季度 ＡＢＣ", "Mixed 中文 and English, 123.", "第一行\n第二行\r\n\t缩进",
                "Ελληνικά русский العربية", "👨‍👩‍👧 family (zero-width joiner)", "")) {
            assertThat(validator.isValid(text, null)).as(text).isTrue();
        }
        assertThat(validator.isValid(null, null)).isTrue();
    }

    @Test
    void controlCharactersOtherThanLineBreaksAndTabsAreRefused() {
        for (int c : List.of(0x00, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0x2028, 0x2029)) {
            assertThat(validator.isValid("整改" + (char) c + "完成", null)).as("U+%04X", c).isFalse();
        }
    }

    @Test
    void bidiOverridesAndInvisibleFormatCharactersAreRefused() {
        for (int c : List.of(0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B,
                0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD, 0xE0001)) {
            assertThat(validator.isValid("整改" + new String(Character.toChars(c)) + "完成", null))
                    .as("U+%04X", c).isFalse();
        }
    }

    @Test
    void loneSurrogatesAreRefusedButPairsAreCharacters() {
        assertThat(validator.isValid("整改\uD840", null)).isFalse();
        assertThat(validator.isValid("\uDC00整改", null)).isFalse();
        assertThat(validator.isValid("\uDC00\uD840", null)).as("a pair in the wrong order").isFalse();
        assertThat(validator.isValid("\uD840\uDC00", null)).as("U+20000 𠀀").isTrue();
    }
}
