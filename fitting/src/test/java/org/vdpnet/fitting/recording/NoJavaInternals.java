package org.vdpnet.fitting.recording;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.regex.Pattern;

/** The assertion that a message shown to a user holds nothing of Java's internals. */
final class NoJavaInternals {
    /** A qualified class name, an identity string ({@code [D@1b6d}), an exception's name, a parser's or jhdf's words. */
    static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("\\b(java|javax|org|com|io|us)\\.[a-z]+\\."),
            Pattern.compile("[A-Z]@"),
            Pattern.compile("@[0-9a-f]{6,}"),
            Pattern.compile("\\w+(Exception|Error)\\b"),
            Pattern.compile("For input string"),
            Pattern.compile("SoftLink"));

    private NoJavaInternals() {}

    static void check(String message) {
        for (Pattern p : PATTERNS) {
            assertFalse(p.matcher(message).find(), "shows Java internals (" + p + "): " + message);
        }
        assertFalse(message.contains("\n"), "one line: " + message);
    }
}
