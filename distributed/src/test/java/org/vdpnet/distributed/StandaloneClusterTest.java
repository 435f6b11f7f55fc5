package org.vdpnet.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdpnet.scenarios.cli.Main;

/**
 * A real standalone Spark cluster on this machine: a master and two workers as separate processes
 * (their main classes ship in spark-core) bound to 127.0.0.1, and this test's JVM as the driver.
 * A sweep submitted to it gives the local engine's files; then, with one worker killed by SIGKILL
 * in the middle of a sweep, the sweep still completes with every run exactly once. Skips with a
 * message where a loopback port cannot be bound.
 */
class StandaloneClusterTest {
    @TempDir
    static Path dir;
    static final List<Process> processes = new ArrayList<>();
    static Process worker1;
    static String master;
    static String classPath;

    @BeforeAll
    static void startCluster() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        int masterPort;
        try (ServerSocket s = new ServerSocket(0, 50, lo)) {
            masterPort = s.getLocalPort();
        } catch (IOException e) {
            Assumptions.abort("cannot bind a port on 127.0.0.1 (" + e.getMessage() + "); the standalone cluster test needs loopback");
            return;
        }
        classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars")); // executors take their class path from spark.executor.extraClassPath
        master = "spark://127.0.0.1:" + masterPort;
        processes.add(start(home, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(freePort(lo))));
        waitForPort(lo, masterPort, 60);
        for (int w = 1; w <= 2; w++) {
            Path work = Files.createDirectories(dir.resolve("work" + w));
            Process p = start(home, "worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port",
                    Integer.toString(freePort(lo)), "--webui-port", Integer.toString(freePort(lo)), "--cores", "1", "--memory", "1g",
                    "--work-dir", work.toString(), master);
            processes.add(p);
            if (w == 1) {
                worker1 = p;
            }
        }
    }

    static Process start(Path home, String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classPath));
        cmd.addAll(List.of(System.getProperty("vdpnet.spark.opens", "").split(" ")).stream().filter(s -> !s.isBlank()).toList());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    static int freePort(InetAddress lo) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, lo)) {
            return s.getLocalPort();
        }
    }

    static void waitForPort(InetAddress lo, int port, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket(lo, port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Spark master did not open port " + port + " in " + seconds + " s; see " + dir.resolve("master.log"));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static String[] args(Path scenario, Path out) {
        return new String[] {"run", scenario.toString(), "--out", out.toString(), "--quiet", "--engine", "spark", "--master", master,
            "--engine-conf", "spark.driver.host=127.0.0.1", "--engine-conf", "spark.driver.bindAddress=127.0.0.1",
            "--engine-conf", "spark.executor.memory=512m", "--engine-conf", "spark.executor.extraClassPath=" + classPath,
            "--engine-conf", "spark.task.maxFailures=4"};
    }

    @Test
    void aSweepOnTheClusterMatchesTheLocalEngineAndSurvivesALostWorker() throws Exception {
        Path scenario = dir.resolve("cluster.yaml");
        Files.writeString(scenario, SparkSweepTest.SCENARIO.replace("t-end: 20", "t-end: 60"));
        Path local = dir.resolve("local");
        assertEquals(0, Main.execute("run", scenario.toString(), "--out", local.toString(), "--quiet", "--threads", "2"));

        Path first = dir.resolve("cluster-1");
        assertEquals(0, Main.execute(args(scenario, first)), "see the logs in " + dir);
        SparkSweepTest.assertSame(local, first);

        // again, and kill -9 one worker once a few runs are in
        Path second = dir.resolve("cluster-2");
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute(args(scenario, second)));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (completed(second) < 3 && !run.isDone() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        int before = completed(second);
        worker1.descendants().forEach(ProcessHandle::destroyForcibly); // its executor goes with it, as on a lost machine
        worker1.destroyForcibly(); // SIGKILL
        assertTrue(before < 24, "the worker was killed mid-run (" + before + " of 24 runs were in)");
        assertEquals(0, run.get(240, TimeUnit.SECONDS));
        SparkSweepTest.assertSame(local, second); // every run exactly once, the same files
        String prov = Files.readString(second.resolve("provenance.json"));
        assertTrue(prov.contains("Spark lost executor") || prov.contains("did not finish"), "the lost worker is reported: " + prov);
    }

    static int completed(Path out) throws IOException {
        Path points = out.resolve("points");
        if (!Files.isDirectory(points)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(points)) {
            return (int) s.filter(p -> Files.isRegularFile(p.resolve("provenance.json"))).count();
        }
    }
}
