package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vdpnet.scenarios.cli.OptionCorpusTest.FISH;
import static org.vdpnet.scenarios.cli.OptionCorpusTest.assertRefused;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Output folders, saved models, provenance records and demo folders that the commands refuse:
 * exit 2, one line naming the option and the file, nothing internal, nothing left behind and
 * nothing of the user's touched; and the documented successes.
 */
class OutputCorpusTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static final String SCENARIO = "name: s\nseed: 1\nnetwork:\n  topology: {type: ring, nodes: 4}\ntime: {t-end: 1}\nmonitors: {period: 0.5}\n";

    /** The arguments of {@code command}, tiny wherever it would run, writing into {@code out}. */
    private List<String> command(String command, Path out) throws IOException {
        List<String> rec = List.of("--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1");
        List<String> a = new ArrayList<>(List.of(command));
        switch (command) {
            case "simulate" -> a.addAll(List.of("--nodes", "12", "--t-end", "1"));
            case "run" -> {
                Path f = dir.resolve("s.yaml");
                Files.writeString(f, SCENARIO);
                a.add(f.toString());
            }
            case "fit" -> a.addAll(rec);
            case "forecast" -> {
                a.addAll(rec);
                a.addAll(List.of("--train", "0:300"));
            }
            case "evaluate" -> a.addAll(rec);
            case "demo" -> a.addAll(List.of("--data", Path.of("..", "data").toString()));
            default -> throw new AssertionError(command);
        }
        a.addAll(List.of("--quiet", "--out", out.toString()));
        return a;
    }

    @ParameterizedTest(name = "{0} --out {1}")
    @CsvSource(delimiter = '|', value = {
        "simulate | under-file", "run | under-file", "fit | under-file", "forecast | under-file", "evaluate | under-file", "demo | under-file",
        "simulate | proc", "run | proc", "fit | proc", "forecast | proc", "evaluate | proc", "demo | proc",
        "simulate | is-file", "fit | is-file", "forecast | is-file", "evaluate | is-file", "run | is-file", "demo | is-file"})
    void outputFolderIsCheckedBeforeAnyWork(String command, String kind) throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "the user's notes");
        Path out = switch (kind) {
            case "under-file" -> file.resolve("sub").resolve("out");
            case "proc" -> Path.of("/proc", "vdpnet-no-such-" + command, "out");
            default -> file;
        };
        String expected = switch (kind) {
            case "under-file" -> "--out: " + out + " is under a file, " + file.toAbsolutePath().normalize();
            case "proc" -> null;
            default -> "--out: " + file + " exists and is not a folder";
        };
        List<String> a = command(command, out);
        if (kind.equals("is-file")) {
            CliHarness.Outcome o = CliHarness.run(a.toArray(new String[0]));
            assertEquals(2, o.code(), o.err());
            assertEquals("vdpnet: error: " + expected, o.err().strip());
        } else {
            assertRefused(a, out, expected);
        }
        if (kind.equals("proc")) {
            String err = CliHarness.run(a.toArray(new String[0])).err().strip();
            assertTrue(err.startsWith("vdpnet: error: --out: cannot create " + out + ": "), err);
        }
        assertEquals("the user's notes", Files.readString(file), "the user's file is untouched");
    }

    // ---- saved models

    private static void zip(Path target, String entry, byte[] content) throws IOException {
        try (OutputStream o = Files.newOutputStream(target); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(content);
            z.closeEntry();
        }
    }

    private static final String HEAD = "{\"format\":\"vdpnet-model\",\"version\":2,\"name\":\"vdp\",\"channels\":6,\"horizon\":20,";

    @ParameterizedTest(name = "--load {0}")
    @CsvSource(delimiter = '|', value = {
        "missing       | no such file",
        "folder        | is a folder; give a model zip",
        "truncated     | is truncated (the zip ends early)",
        "not-zip       | is not a vdpnet model (not a zip",
        "other-zip     | is not a vdpnet model (a zip without vdpnet-model.json",
        "bad-json      | is a damaged vdpnet model: vdpnet-model.json is not valid JSON",
        "other-format  | is not a vdpnet model (expected a zip written by 'vdpnet forecast'",
        "no-vdp        | is a damaged vdpnet model: its vdp part is missing fields or holds values of the wrong type",
        "wrong-type    | is a damaged vdpnet model: its vdp part is missing fields or holds values of the wrong type",
        "no-lstm       | is a damaged vdpnet model: its lstm part is missing fields or holds values of the wrong type",
        "unknown-kind  | is a damaged vdpnet model: unknown kind 'gru'; allowed: vdp, lstm, residual"})
    void damagedModelsAreRefused(String kind, String what) throws IOException {
        Path m = dir.resolve("model.zip");
        switch (kind) {
            case "missing" -> { }
            case "folder" -> Files.createDirectories(m);
            case "truncated" -> {
                StringBuilder big = new StringBuilder(HEAD + "\"kind\":\"vdp\",\"vdp\":{\"a1\":[");
                java.util.Random r = new java.util.Random(1);
                for (int i = 0; i < 20000; i++) {
                    big.append(r.nextDouble()).append(',');
                }
                big.append("0]}}");
                zip(m, "vdpnet-model.json", big.toString().getBytes(StandardCharsets.UTF_8));
                byte[] all = Files.readAllBytes(m);
                Files.write(m, java.util.Arrays.copyOf(all, all.length / 2));
            }
            case "not-zip" -> Files.writeString(m, "just text\n");
            case "other-zip" -> zip(m, "readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
            case "bad-json" -> zip(m, "vdpnet-model.json", (HEAD + "\"kind\":").getBytes(StandardCharsets.UTF_8));
            case "other-format" -> zip(m, "vdpnet-model.json", "{\"format\":\"keras\",\"version\":1}".getBytes(StandardCharsets.UTF_8));
            case "no-vdp" -> zip(m, "vdpnet-model.json", (HEAD + "\"kind\":\"vdp\"}").getBytes(StandardCharsets.UTF_8));
            case "wrong-type" -> zip(m, "vdpnet-model.json", (HEAD + "\"kind\":\"vdp\",\"vdp\":{\"network\":{\"form\":1}}}")
                    .getBytes(StandardCharsets.UTF_8));
            case "no-lstm" -> zip(m, "vdpnet-model.json", (HEAD + "\"kind\":\"lstm\",\"lstm\":{\"name\":\"lstm\"}}").getBytes(StandardCharsets.UTF_8));
            case "unknown-kind" -> zip(m, "vdpnet-model.json", (HEAD + "\"kind\":\"gru\"}").getBytes(StandardCharsets.UTF_8));
            default -> throw new AssertionError(kind);
        }
        Path out = dir.resolve("out");
        List<String> a = command("forecast", out);
        a.addAll(List.of("--load", m.toString()));
        String message = kind.equals("missing") ? "--load: no such file: " + m : "--load: " + m + " " + what;
        CliHarness.Outcome o = CliHarness.run(a.toArray(new String[0]));
        assertTrue(o.err().strip().startsWith("vdpnet: error: " + message), o.err());
        assertRefused(a, out, null);
    }

    // ---- provenance records

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String record(String text, String sha, String inputs) {
        return "{\"command\":\"run\",\"settings\":{\"scenario\":{\"source\":\"s.yaml\",\"baseDir\":\".\",\"sha256\":\"" + sha + "\",\"text\":"
                + "\"" + text.replace("\n", "\\n") + "\"}},\"inputs\":" + inputs + "}";
    }

    @ParameterizedTest(name = "--from-provenance {0}")
    @CsvSource(delimiter = '|', value = {
        "truncated     | is not a provenance JSON file (not a valid JSON object, at line 1",
        "array         | is not a provenance JSON file (not a valid JSON object",
        "null          | records no scenario text",
        "no-text       | records no scenario text",
        "no-sha        | is damaged: settings.scenario needs the strings source, sha256 and text",
        "edited        | : the recorded scenario text does not match its recorded sha256",
        "folder        | is a folder; give its provenance.json or plan.json",
        "missing       | file not found"})
    void damagedProvenanceIsRefused(String kind, String what) throws Exception {
        Path p = dir.resolve("provenance.json");
        String good = record(SCENARIO, sha256(SCENARIO), "{}");
        switch (kind) {
            case "truncated" -> Files.writeString(p, good.substring(0, good.length() / 2));
            case "array" -> Files.writeString(p, "[1, 2]");
            case "null" -> Files.writeString(p, "null");
            case "no-text" -> Files.writeString(p, "{\"settings\":{\"scenario\":{\"sha256\":\"ab\"}}}");
            case "no-sha" -> Files.writeString(p, good.replace("\"sha256\"", "\"sha\""));
            case "edited" -> Files.writeString(p, record(SCENARIO.replace("nodes: 4", "nodes: 5"), sha256(SCENARIO), "{}"));
            case "folder" -> Files.createDirectories(p);
            case "missing" -> { }
            default -> throw new AssertionError(kind);
        }
        Path out = dir.resolve("out");
        List<String> a = List.of("run", "--from-provenance", p.toString(), "--quiet", "--out", out.toString());
        String prefix = kind.equals("missing") ? "--from-provenance: file not found: " + p : "--from-provenance: " + p + (what.startsWith(":") ? "" : " ") + what;
        CliHarness.Outcome o = CliHarness.run(a.toArray(new String[0]));
        assertTrue(o.err().strip().startsWith("vdpnet: error: " + prefix), o.err());
        assertRefused(a, out, null);
    }

    @Test
    void aRerunChecksItsInputFilesUnlessTold() throws Exception {
        Path w = dir.resolve("w.txt");
        Files.writeString(w, "0 1 1\n1 0 1\n1 1 0\n");
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "name: c\nseed: 1\nnetwork:\n  connectome: {path: w.txt}\ntime: {t-end: 1}\nmonitors: {period: 0.5}\n");
        Path a = dir.resolve("a");
        assertEquals(0, CliHarness.run("run", f.toString(), "--quiet", "--out", a.toString()).code());
        String prov = Files.readString(a.resolve("provenance.json"));
        assertTrue(prov.contains("\"connectome\"") && prov.contains("\"sha256\""), prov);
        // unchanged: the rerun goes ahead
        CliHarness.Outcome same = CliHarness.run("run", "--from-provenance", a.resolve("provenance.json").toString(), "--quiet", "--out",
                dir.resolve("b").toString());
        assertEquals(0, same.code(), same.err());
        // changed: refused, naming the input, unless --ignore-changed-inputs
        Files.writeString(w, "0 2 1\n1 0 1\n1 1 0\n");
        Path c = dir.resolve("c");
        List<String> again = List.of("run", "--from-provenance", a.resolve("provenance.json").toString(), "--quiet", "--out", c.toString());
        CliHarness.Outcome o = CliHarness.run(again.toArray(new String[0]));
        assertTrue(o.err().strip().startsWith("vdpnet: error: --from-provenance: " + a.resolve("provenance.json") + ": input connectome "),
                o.err());
        assertTrue(o.err().contains("changed") && o.err().contains("--ignore-changed-inputs"), o.err());
        assertRefused(again, c, null);
        List<String> ignoring = new ArrayList<>(again);
        ignoring.add("--ignore-changed-inputs");
        CliHarness.Outcome ok = CliHarness.run(ignoring.toArray(new String[0]));
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.isRegularFile(c.resolve("provenance.json")));
    }

    @Test
    void aProvenanceWithItsRecordedHashRerunsTheScenario() throws Exception {
        Path p = dir.resolve("provenance.json");
        Files.writeString(p, record(SCENARIO, sha256(SCENARIO), "{}"));
        Path out = dir.resolve("out");
        CliHarness.Outcome o = CliHarness.run("run", "--from-provenance", p.toString(), "--quiet", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.isRegularFile(out.resolve("provenance.json")));
    }

    @org.junit.jupiter.api.Test
    void aBrokenSymbolicLinkIsRefusedAsOut() throws IOException {
        Path link = dir.resolve("dangling");
        Files.createSymbolicLink(link, dir.resolve("no-such-target"));
        CliHarness.Outcome o = CliHarness.run(command("simulate", link).toArray(new String[0]));
        assertEquals(2, o.code(), o.err());
        assertEquals("vdpnet: error: --out: " + link + " is a broken symbolic link", o.err().strip());
        assertFalse(Files.exists(dir.resolve("no-such-target")));
    }

    @org.junit.jupiter.api.Test
    void aPipeGivenToLoadIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("model.zip");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
        Path out = dir.resolve("out");
        List<String> a = command("forecast", out);
        a.addAll(List.of("--load", fifo.toString()));
        CliHarness.Outcome o = CliHarness.run(a.toArray(new String[0]));
        assertEquals("vdpnet: error: --load: " + fifo + " is not a regular file (a pipe, device or socket)", o.err().strip());
        assertRefused(a, out, null);
    }

    @ParameterizedTest(name = "--resume with plan.json {0}")
    @CsvSource(delimiter = '|', value = {
        "truncated | is not a provenance JSON file (not a valid JSON object, at line 1",
        "array     | is not a provenance JSON file (not a valid JSON object",
        "null      | records no scenario text",
        "no-sha    | is damaged: settings.scenario needs the strings source, sha256 and text",
        "wrong-type| records no scenario text"})
    void aDamagedPlanIsRefusedOnResume(String kind, String what) throws Exception {
        Path out = Files.createDirectories(dir.resolve("study"));
        Path plan = out.resolve("plan.json");
        String good = record(SCENARIO, sha256(SCENARIO), "{}");
        switch (kind.strip()) {
            case "truncated" -> Files.writeString(plan, good.substring(0, good.length() / 2));
            case "array" -> Files.writeString(plan, "[1, 2]");
            case "null" -> Files.writeString(plan, "null");
            case "no-sha" -> Files.writeString(plan, good.replace("\"sha256\"", "\"sha\""));
            case "wrong-type" -> Files.writeString(plan, "{\"settings\":[1]}");
            default -> throw new AssertionError(kind);
        }
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SCENARIO);
        String err = CliHarness.refusal(CliHarness.run("run", f.toString(), "--quiet", "--resume", "--out", out.toString()));
        assertTrue(err.startsWith("vdpnet: error: --resume: " + plan + " " + what), err);
    }

    // ---- demo folders

    @ParameterizedTest(name = "demo into {0}")
    @CsvSource({"user-file", "user-folder", "step-without-provenance", "step-of-another-command", "one-step-vouched-another-mine"})
    void demoRefusesAFolderOfTheUsersOwn(String kind) throws IOException {
        Path out = dir.resolve("mine");
        Path kept;
        switch (kind) {
            case "user-file" -> kept = out.resolve("thesis.tex");
            case "user-folder" -> kept = out.resolve("data").resolve("x.csv");
            case "step-without-provenance" -> kept = out.resolve("fit").resolve("my-fit.json");
            case "step-of-another-command" -> kept = out.resolve("fit").resolve("provenance.json");
            case "one-step-vouched-another-mine" -> {
                Files.createDirectories(out.resolve("simulate"));
                Files.writeString(out.resolve("simulate").resolve("provenance.json"), "{\"tool\":\"vdpnet\",\"command\":\"simulate\"}");
                kept = out.resolve("fit").resolve("my-fit.json");
            }
            default -> throw new AssertionError(kind);
        }
        Files.createDirectories(kept.getParent());
        String content = kind.equals("step-of-another-command") ? "{\"command\":\"simulate\"}" : "the user's own";
        Files.writeString(kept, content);
        String err = CliHarness.refusal(CliHarness.run("demo", "--quiet", "--data", Path.of("..", "data").toString(), "--out", out.toString()));
        assertTrue(err.startsWith("vdpnet: error: --out: folder " + out + " is not empty and does not hold an earlier demo"), err);
        assertTrue(err.contains("--overwrite"), err);
        assertEquals(content, Files.readString(kept), "the user's file is untouched");
        assertFalse(Files.exists(out.resolve(DemoFolder.MARKER)));
    }

    /**
     * The documented successes: an earlier demo's folder (recognised by its marker or by its step
     * folders' provenance) and any folder with --overwrite pass the folder check. The bundled data
     * is pointed away here, so the demo stops at its next check instead of running for a minute.
     */
    @ParameterizedTest(name = "demo into {0}")
    @CsvSource({"marker", "step-provenance", "user-folder-with-overwrite", "empty"})
    void demoAcceptsAnEarlierDemoOrOverwrite(String kind) throws IOException {
        Path out = dir.resolve("demo");
        Files.createDirectories(out);
        List<String> a = new ArrayList<>(List.of("demo", "--quiet", "--data", dir.resolve("no-data").toString(), "--out", out.toString()));
        switch (kind) {
            case "marker" -> {
                Files.writeString(out.resolve(DemoFolder.MARKER), "x");
                Files.createDirectories(out.resolve("fit"));
            }
            case "step-provenance" -> {
                for (String step : DemoFolder.STEPS) {
                    Files.createDirectories(out.resolve(step));
                    Files.writeString(out.resolve(step).resolve("provenance.json"), "{\"tool\":\"vdpnet\",\"command\":\"" + step + "\"}");
                }
            }
            case "user-folder-with-overwrite" -> {
                Files.writeString(out.resolve("thesis.tex"), "mine");
                a.add("--overwrite");
            }
            case "empty" -> { }
            default -> throw new AssertionError(kind);
        }
        CliHarness.Outcome o = CliHarness.run(a.toArray(new String[0]));
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().strip().startsWith("vdpnet: error: demo: the bundled recording "), o.err());
    }
}
