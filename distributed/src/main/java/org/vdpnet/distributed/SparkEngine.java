package org.vdpnet.distributed;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.vdpnet.sim.exec.Engine;
import org.vdpnet.sim.exec.EngineSettings;
import org.vdpnet.sim.exec.TaskExecutor;

/**
 * {@code --engine spark}: a {@link SparkTaskExecutor} on a new Spark context. The master defaults to
 * {@code local[*]}; for a cluster master the jar that holds vdpnet ({@code vdpnet-spark.jar}) is
 * shipped to the executors ({@code spark.jars}) unless the settings name their own. The web UI is
 * off unless {@code spark.ui.enabled} is set.
 */
public final class SparkEngine implements Engine {
    /** The default master. */
    public static final String DEFAULT_MASTER = "local[*]";

    @Override public String name() { return "spark"; }

    @Override
    public TaskExecutor open(EngineSettings settings, String appName) {
        String master = settings.master() != null ? settings.master() : System.getProperty("spark.master", DEFAULT_MASTER);
        if (!(master.startsWith("local") || master.startsWith("spark://") || master.equals("yarn") || master.startsWith("k8s://"))) {
            throw new IllegalArgumentException("--master: must be local[*], local[N], local[N,F], spark://HOST:PORT, yarn or k8s://HOST:PORT, got "
                    + master);
        }
        if (master.startsWith("local") && !master.matches("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?")) {
            throw new IllegalArgumentException("--master: a local master is local, local[*], local[N] or local[N,F] (N threads, F attempts per task), got "
                    + master);
        }
        // spark-submit's --name and --conf spark.ui.enabled=... come first
        SparkConf conf = new SparkConf().setMaster(master).setIfMissing("spark.app.name", appName).setIfMissing("spark.ui.enabled", "false");
        for (Map.Entry<String, String> e : settings.conf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        if (!master.startsWith("local") && !conf.contains("spark.jars")) {
            Path jar = ownJar();
            if (jar != null) {
                conf.set("spark.jars", jar.toString());
            }
        }
        long t0 = System.nanoTime();
        JavaSparkContext jsc = new JavaSparkContext(conf);
        return new SparkTaskExecutor(jsc, settings.partitions(), (System.nanoTime() - t0) / 1e9, settings.conf());
    }

    /** The jar this class was loaded from, or null when it came from a folder of classes (a build's tests). */
    static Path ownJar() {
        try {
            var src = SparkEngine.class.getProtectionDomain().getCodeSource();
            if (src == null) {
                return null;
            }
            Path p = Path.of(src.getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
