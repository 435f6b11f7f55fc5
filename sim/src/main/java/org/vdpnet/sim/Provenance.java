package org.vdpnet.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.vdpnet.sim.io.Hashing;

/**
 * How an output was made: the command, every setting, the seed, the input files with their
 * SHA-256, and the library, Java and OS versions. Enough to rerun it. Immutable; build with
 * {@link #builder(String)}.
 */
public final class Provenance {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> root;

    private Provenance(Map<String, Object> root) {
        this.root = root;
    }

    /** A builder for a provenance record of {@code command} (for example {@code simulate}). */
    public static Builder builder(String command) { return new Builder(command); }

    /** The vdpnet version this code was built as. */
    public static String libraryVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The record as a map (nested maps, lists, numbers and strings). */
    public Map<String, Object> asMap() { return root; }

    /** Pretty-printed JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("provenance is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** Collects the parts of a provenance record. */
    public static final class Builder {
        private final Map<String, Object> root = new LinkedHashMap<>();
        private final Map<String, Object> settings = new LinkedHashMap<>();
        private final Map<String, Object> inputs = new LinkedHashMap<>();

        private Builder(String command) {
            root.put("tool", "vdpnet");
            root.put("version", libraryVersion());
            root.put("command", command);
        }

        /** The command-line arguments that reproduce the run. */
        public Builder arguments(List<String> args) {
            root.put("arguments", List.copyOf(args));
            return this;
        }

        /** The master seed. */
        public Builder seed(long seed) {
            root.put("seed", seed);
            return this;
        }

        /** One named setting (a number, string, boolean, array, list or map of these). */
        public Builder setting(String name, Object value) {
            settings.put(name, value);
            return this;
        }

        /** An input file or folder, recorded with its absolute path and SHA-256. */
        public Builder input(String role, Path path) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", path.toAbsolutePath().normalize().toString());
            try {
                m.put("sha256", Hashing.sha256(path));
            } catch (IOException e) {
                throw new UncheckedIOException("provenance: cannot hash " + path, e);
            }
            inputs.put(role, m);
            return this;
        }

        /** A result field (status, wall time, counts). */
        public Builder outcome(String name, Object value) {
            @SuppressWarnings("unchecked")
            Map<String, Object> out = (Map<String, Object>) root.computeIfAbsent("outcome", k -> new LinkedHashMap<>());
            out.put(name, value);
            return this;
        }

        /** The record, with the platform and a timestamp added. */
        public Provenance build() {
            Map<String, Object> m = new LinkedHashMap<>(root);
            m.put("settings", new LinkedHashMap<>(settings));
            m.put("inputs", new LinkedHashMap<>(inputs));
            Map<String, Object> platform = new LinkedHashMap<>();
            platform.put("java", System.getProperty("java.version"));
            platform.put("javaVendor", System.getProperty("java.vendor"));
            platform.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
            platform.put("arch", System.getProperty("os.arch"));
            platform.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("platform", platform);
            m.put("createdUtc", Instant.now().toString());
            return new Provenance(m);
        }
    }

    /** Reads a provenance JSON file back as nested maps. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Map.class);
    }
}
