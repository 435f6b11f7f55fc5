package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's whole pipeline on its quick grid (the full grid is the README's command, timed in the note). */
class DemoCommandTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void quickDemoRunsThePipelineAndWritesTheReport() throws IOException {
        CliHarness.Outcome o = CliHarness.run("demo", "--quick", "--data", Path.of("..", "data").toString(), "--out", dir.toString());
        assertEquals(0, o.code(), o.err());
        for (String f : List.of("simulate/provenance.json", "fit/fit.json", "forecast/metrics.csv", "forecast/models/pretrained.zip",
                "evaluate/summary.csv", "evaluate/learning-curve.png", "evaluate/horizon.png", "evaluate/report.md", "evaluate/report.html",
                "evaluate/provenance.json")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertTrue(o.out().contains("model         train      h=1      h=5     h=20"), o.out());
        assertTrue(o.out().contains("report      " + dir.resolve("evaluate").resolve("report.html")), o.out());
        String html = Files.readString(dir.resolve("evaluate/report.html"));
        assertTrue(html.contains("<img src=\"learning-curve.png\"") && html.contains("<h2>Verdict</h2>"), html);
        screenshotIsNotBlank(dir.resolve("evaluate/report.html"));
    }

    /**
     * The HTML report opens in a browser and shows its plots: Debian's chromium renders it headless
     * to a PNG, which must hold the plots' colours, not a blank page. Skips where chromium is absent
     * (.ci/run installs it).
     */
    static void screenshotIsNotBlank(Path html) throws IOException {
        String browser = java.util.stream.Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(browser != null, "chromium is not installed; skipping the headless screenshot check");
        Path shot = html.resolveSibling("screenshot.png");
        try {
            Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1100,1600",
                    "--screenshot=" + shot.toAbsolutePath(), html.toAbsolutePath().toUri().toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "chromium did not finish in 2 minutes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(shot.toFile());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        int nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    nonWhite++;
                }
            }
        }
        // text alone gives greys; the plots add the series colours
        assertTrue(colours.size() > 50, "only " + colours.size() + " colours in the screenshot");
        assertTrue(nonWhite > img.getWidth() * img.getHeight() / 4 / 50, "the screenshot is nearly blank: " + nonWhite + " non-white samples");
    }
}
