package org.vdpnet.scenarios.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.vdpnet.sim.io.InputFiles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.vdpnet.fitting.estimate.MechanisticForecaster;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.scenarios.fit.FittedNetwork;
import org.vdpnet.hybrid.LstmForecaster;
import org.vdpnet.hybrid.LstmSettings;
import org.vdpnet.hybrid.ResidualForecaster;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.sim.io.AtomicFiles;

/**
 * Trained forecasters as zip files: one entry, {@code vdpnet-model.json}, holding the format
 * tag and version, the kind, the shapes, every setting and the weights, so a model loads back
 * without the code that trained it.
 *
 * <p>Version 3 added the LSTM's input normalisation: its settings carry
 * {@code inputNormalisation} and {@code sdFloor}, and an LSTM forecaster its learnt
 * {@code inScale} and {@code outScale}. Version 2 files, written before the setting existed,
 * still load, as {@code inputNormalisation: none} (what they did) with unit scales and the
 * default sd floor (unused by {@code none}).
 */
public final class ModelStore {
    private ModelStore() {}

    static final String ENTRY = "vdpnet-model.json";
    static final String FORMAT = "vdpnet-model";
    static final int VERSION = 3;
    /** The oldest version {@link #load} reads: 2, whose LSTM settings have no input normalisation. */
    static final int OLDEST_VERSION = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes {@code f} (vdp, an LSTM forecaster, or the residual corrector) to {@code target} atomically. */
    public static void save(Forecaster f, Map<String, Object> provenance, Path target) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("name", f.name());
        m.put("channels", f.channels());
        m.put("horizon", f.maximumHorizon());
        if (f instanceof MechanisticForecaster v) {
            m.put("kind", "vdp");
            m.put("vdp", vdp(v));
        } else if (f instanceof LstmForecaster l) {
            m.put("kind", "lstm");
            m.put("lstm", l.state());
        } else if (f instanceof ResidualForecaster r && r.base() instanceof MechanisticForecaster v) {
            m.put("kind", "residual");
            m.put("vdp", vdp(v));
            m.put("residual", r.state());
        } else {
            throw new IllegalArgumentException("models: cannot save a " + f.getClass().getSimpleName());
        }
        m.put("provenance", provenance);
        byte[] json = JSON.writeValueAsBytes(m);
        AtomicFiles.write(target, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(ENTRY));
            zip.write(json);
            zip.closeEntry();
            zip.finish();
        });
    }

    private static Map<String, Object> vdp(MechanisticForecaster v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", FittedNetwork.describe((NetworkModel) v.model(), null));
        m.put("observed", v.observed());
        m.put("jittered", v.jittered());
        m.put("dt", v.dt());
        m.put("substeps", v.substeps());
        m.put("assimilation", v.assimilation());
        m.put("maxHorizon", v.maximumHorizon());
        m.put("residualRms", v.residualRms());
        v.filter().ifPresent(f -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("members", f.members());
            e.put("inflation", f.inflation());
            e.put("initialSpread", f.initialSpread());
            e.put("processNoise", f.processNoise());
            e.put("observationNoise", Double.isNaN(f.observationNoise()) ? null : f.observationNoise()); // null: the fit's residual RMS
            e.put("seed", f.seed());
            m.put("filter", e);
        });
        return m;
    }

    /**
     * Reads a model written by {@link #save}; anything else is refused with one line naming
     * {@code --load}, the file and what is wrong (missing, a folder, not a zip, truncated, not a
     * vdpnet model, or a damaged model).
     */
    /** The most bytes of a model file, and of its inflated model.json. */
    static final long MODEL_LIMIT = 512L * 1024 * 1024;

    public static Forecaster load(Path file) throws IOException {
        String where = "--load: " + file;
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(where + " is a folder; give a model zip (models/<name>.zip of an earlier 'vdpnet forecast')");
        }
        if (!Files.exists(file) && !Files.isSymbolicLink(file)) {
            throw new IllegalArgumentException("--load: no such file: " + file);
        }
        // a regular file of bounded size: a pipe would block the reader, a device or huge file exhaust memory
        InputFiles.check("--load", file, MODEL_LIMIT);
        byte[] json = null;
        boolean anyEntry = false;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                anyEntry = true;
                if (e.getName().equals(ENTRY)) {
                    json = InputFiles.read(where + ": entry " + ENTRY, zip, MODEL_LIMIT);
                    break;
                }
            }
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(where + " is truncated (the zip ends early); save the model again");
        } catch (ZipException e) {
            throw new IllegalArgumentException(where + " is a damaged zip; " + NOT_A_MODEL);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException(where + ": permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " cannot be read as a zip; " + NOT_A_MODEL);
        }
        if (json == null) {
            throw new IllegalArgumentException(where + " is not a vdpnet model (" + (anyEntry ? "a zip without " + ENTRY : "not a zip")
                    + "; " + NOT_A_MODEL + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is a damaged vdpnet model: " + ENTRY + " is not valid JSON");
        }
        int version = root == null ? -1 : root.path("version").asInt();
        if (root == null || !FORMAT.equals(root.path("format").asText()) || version < OLDEST_VERSION || version > VERSION) {
            throw new IllegalArgumentException(where + " is not a vdpnet model (" + NOT_A_MODEL + ")");
        }
        String kind = root.path("kind").asText();
        try {
            return switch (kind) {
                case "vdp" -> vdp(root.get("vdp"));
                case "lstm" -> {
                    JsonNode l = root.get("lstm");
                    LstmSettings settings = settings(l.get("settings"), version);
                    int channels = l.get("channels").asInt();
                    int horizon = l.get("horizon").asInt();
                    double[] in = version < 3 ? ones(channels) : JSON.treeToValue(l.get("inScale"), double[].class);
                    double[] out = version < 3 ? ones(channels * horizon) : JSON.treeToValue(l.get("outScale"), double[].class);
                    yield LstmForecaster.restore(l.get("name").asText(), channels, horizon, settings, in, out,
                            JSON.treeToValue(l.get("weights"), float[][].class));
                }
                case "residual" -> {
                    JsonNode r = root.get("residual");
                    yield ResidualForecaster.restore(vdp(root.get("vdp")), r.get("window").asInt(), r.get("horizon").asInt(),
                            settings(r.get("settings"), version), JSON.treeToValue(r.get("weights"), float[][].class));
                }
                default -> throw new IllegalArgumentException(where + " is a damaged vdpnet model: unknown kind '" + kind
                        + "'; allowed: vdp, lstm, residual");
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("--load: ")) {
                throw e;
            }
            throw new IllegalArgumentException(where + " is a damaged vdpnet model: its " + kind + " part holds values out of range"
                    + (e.getMessage() == null || e.getMessage().contains("java.") || e.getMessage().contains("Exception") ? "" : " (" + e.getMessage() + ")"));
        } catch (RuntimeException | IOException e) {
            throw new IllegalArgumentException(where + " is a damaged vdpnet model: its " + kind + " part is missing fields or holds values of the "
                    + "wrong type" + (e instanceof WrongFields ? " (" + e.getMessage() + ")" : ""));
        }
    }

    /** A saved network's field that is missing or of the wrong type, named by {@link FittedNetwork#read}. */
    private static final class WrongFields extends RuntimeException {
        WrongFields(String message) {
            super(message, null, false, false);
        }
    }

    private static final String NOT_A_MODEL = "expected a zip written by 'vdpnet forecast', format " + FORMAT + " version " + OLDEST_VERSION
            + " to " + VERSION;

    /**
     * LSTM settings as saved; a version 2 file has no input normalisation, so it reads as
     * {@code none} (what such a model did) with the default sd floor, which {@code none} does not use.
     */
    private static LstmSettings settings(JsonNode s, int version) throws IOException {
        if (version >= 3) {
            if (s == null || !s.has("inputNormalisation") || !s.has("sdFloor")) {
                throw new WrongFields("settings: a version " + version + " model needs inputNormalisation and sdFloor");
            }
            return settingsValue(s);
        }
        com.fasterxml.jackson.databind.node.ObjectNode old = ((com.fasterxml.jackson.databind.node.ObjectNode) s).deepCopy();
        old.put("inputNormalisation", "none");
        old.put("sdFloor", LstmSettings.DEFAULT_SD_FLOOR);
        return settingsValue(old);
    }

    /** The settings record; a value out of range is refused with the record's own message (naming the setting). */
    private static LstmSettings settingsValue(JsonNode s) throws IOException {
        try {
            return JSON.treeToValue(s, LstmSettings.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw bad;
            }
            throw e;
        }
    }

    private static double[] ones(int n) {
        double[] v = new double[Math.max(0, n)];
        java.util.Arrays.fill(v, 1.0);
        return v;
    }

    private static MechanisticForecaster vdp(JsonNode v) throws IOException {
        NetworkModel net;
        try {
            net = FittedNetwork.read(v.get("network"), "vdp.network").model();
        } catch (IllegalArgumentException e) {
            throw new WrongFields(e.getMessage()); // a field missing or of the wrong type, named
        }
        MechanisticForecaster f = new MechanisticForecaster(net, JSON.treeToValue(v.get("observed"), int[].class),
                JSON.treeToValue(v.get("jittered"), int[].class), v.get("dt").asDouble(), v.get("substeps").asInt(), v.get("assimilation").asInt(),
                v.get("maxHorizon").asInt(), v.get("residualRms").asDouble());
        JsonNode e = v.get("filter");
        if (e == null || e.isNull()) {
            return f; // the window fit (models saved before the filter)
        }
        for (String k : new String[] {"members", "inflation", "initialSpread", "processNoise", "seed"}) {
            if (!e.hasNonNull(k) || !e.get(k).isNumber()) {
                throw new WrongFields("vdp.filter." + k + " is missing or not a number");
            }
        }
        JsonNode obs = e.get("observationNoise");
        return f.withFilter(new org.vdpnet.fitting.estimate.EnsembleFilter.Settings(e.get("members").asInt(), e.get("inflation").asDouble(),
                e.get("initialSpread").asDouble(), e.get("processNoise").asDouble(), obs == null || obs.isNull() ? Double.NaN : obs.asDouble(),
                e.get("seed").asLong()));
    }
}
