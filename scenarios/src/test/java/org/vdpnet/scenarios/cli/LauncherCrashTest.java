package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's answer to a crash of the Java VM: exit 1 and one line naming the VM's report,
 * never a hang or a bare exit code. A stand-in for {@code java} behaves as a crashed VM does
 * (writes the report where {@code -XX:ErrorFile} says, prints the banner, exits with 134); a
 * stand-in that exits 2 without a report shows that ordinary exit codes pass through untouched.
 */
class LauncherCrashTest {
    @TempDir
    Path dir;

    private Path fakeJava(String body) throws IOException {
        Path f = dir.resolve("fake-java");
        Files.writeString(f, "#!/usr/bin/env bash\n" + body);
        assertTrue(f.toFile().setExecutable(true));
        return f;
    }

    private record Run(int code, String err) {}

    private Run launch(Path fake) throws IOException, InterruptedException {
        Path launcher = Path.of("..", "vdpnet").toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "--version").redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("VDPNET_JAR", dir.resolve("none.jar").toString());
        pb.environment().put("VDPNET_JAVA", fake.toString());
        pb.environment().put("TMPDIR", dir.toString());
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not end");
        return new Run(p.exitValue(), err);
    }

    @Test
    void aCrashedVmEndsWithExitOneAndNamesItsReport() throws Exception {
        Path fake = fakeJava("""
                for a in "$@"; do case "$a" in -XX:ErrorFile=*) f="${a#-XX:ErrorFile=}";; esac; done
                f="${f//%p/$$}"
                echo "# A fatal error has been detected by the Java Runtime Environment" >&2
                echo "crash report" > "$f"
                exit 134
                """);
        Run r = launch(fake);
        assertEquals(1, r.code(), r.err());
        String line = r.err().lines().filter(l -> l.startsWith("vdpnet: internal error: the Java VM crashed")).findFirst().orElse("");
        assertTrue(line.contains(dir.toString()) && line.contains("vdpnet-crash-"), r.err());
        String report = line.substring(line.indexOf("its report is ") + "its report is ".length(), line.indexOf(" (please"));
        assertEquals("crash report", Files.readString(Path.of(report)).strip());
    }

    @Test
    void anOrdinaryExitCodePassesThrough() throws Exception {
        Run r = launch(fakeJava("echo 'vdpnet: error: --x: bad' >&2\nexit 2\n"));
        assertEquals(2, r.code());
        assertFalse(r.err().contains("crashed"), r.err());
    }
}
