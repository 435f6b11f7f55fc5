package org.vdpnet.scenarios.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures what it prints. */
final class CliHarness {
    record Outcome(int code, String out, String err) {}

    private CliHarness() {}

    /** What a message shown to a user must not hold: a qualified class name, an identity string, an exception's name, a library's words. */
    static final java.util.List<java.util.regex.Pattern> JAVA_INTERNALS = java.util.List.of(
            java.util.regex.Pattern.compile("\\b(java|javax|org|com|io|us)\\.[a-z]+\\."),
            java.util.regex.Pattern.compile("[A-Z]@"),
            java.util.regex.Pattern.compile("@[0-9a-f]{6,}"),
            java.util.regex.Pattern.compile("\\w+(Exception|Error)\\b"),
            java.util.regex.Pattern.compile("For input string"),
            java.util.regex.Pattern.compile("SoftLink"));

    /** Fails where {@code message} shows Java's internals (see {@link #JAVA_INTERNALS}). */
    static void assertNoJavaInternals(String message) {
        for (java.util.regex.Pattern p : JAVA_INTERNALS) {
            org.junit.jupiter.api.Assertions.assertFalse(p.matcher(message).find(), "shows Java internals (" + p + "): " + message);
        }
    }

    /**
     * The common shape of a refusal: exit 2 and exactly one stderr line starting {@code vdpnet: error: }, with nothing
     * of Java's internals in it. Returns that line for the caller's own checks.
     */
    static String refusal(Outcome o) {
        String err = o.err().strip();
        org.junit.jupiter.api.Assertions.assertEquals(2, o.code(), o.err());
        org.junit.jupiter.api.Assertions.assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
        org.junit.jupiter.api.Assertions.assertTrue(err.startsWith("vdpnet: error: "), err);
        assertNoJavaInternals(err);
        return err;
    }

    static synchronized Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
