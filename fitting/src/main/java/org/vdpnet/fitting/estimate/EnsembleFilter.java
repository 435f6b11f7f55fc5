package org.vdpnet.fitting.estimate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.vdpnet.sim.Seeds;
import org.vdpnet.sim.param.FixedStepPath;
import org.vdpnet.sim.param.ParametricField;

/**
 * An ensemble transform Kalman filter (ETKF, Hunt, Kostelich and Szunyogh 2007, Physica D 230)
 * over the full state of a fitted model, observed through some of its state variables with
 * independent Gaussian noise of one standard deviation. Each frame: every member is run one
 * frame forward on the model's fixed RK4 path, optional additive process noise is drawn, the
 * anomalies are inflated by a multiplicative factor, and the deterministic square-root analysis
 * moves the mean and the anomalies with the frame's finite observations (missing values are
 * skipped). Latent variables are updated through their ensemble covariance with the observed
 * ones.
 *
 * <p>No look-ahead: the filter starts at frame 2 of a history, from the state the model
 * equations imply for frame 2's observed values and the backward difference of frames 0–2, and
 * each later frame enters only when it is assimilated. Every random draw (initial spread, process
 * noise) comes from a generator derived from the seed and the frame's index, so a filter
 * continued frame by frame is bit-identical to one run afresh over the same frames.
 *
 * <p>A member that diverges in the forecast step (leaves the fixed path's bounds) is replaced
 * by a copy of the next bounded member and counted ({@link #resets()}); if every member diverges
 * the ensemble is drawn again around the state implied at that frame ({@link #restarts()}). Not
 * thread-safe: one filter per thread.
 */
public final class EnsembleFilter {
    /**
     * Settings of the filter.
     *
     * @param members          ensemble members (at least 2)
     * @param inflation        multiplicative anomaly inflation applied each frame before the analysis (>= 1; 1 for none)
     * @param initialSpread    standard deviation of the initial members around the implied state, in state units
     * @param processNoise     standard deviation of additive noise drawn on every state variable after each forecast step (0 for none)
     * @param observationNoise the observation noise standard deviation; NaN to take the fit's residual RMS
     * @param seed             seed of every draw
     */
    public record Settings(int members, double inflation, double initialSpread, double processNoise, double observationNoise, long seed)
            implements java.io.Serializable {
        /** Checks the values; messages name the setting. */
        public Settings {
            if (members < 2 || members > 100_000) {
                throw new IllegalArgumentException("filter members: must be in [2, 100000], got " + members);
            }
            if (!(inflation >= 1 && inflation < 10)) {
                throw new IllegalArgumentException("filter inflation: must be in [1, 10), got " + inflation);
            }
            if (!(initialSpread > 0 && initialSpread < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("filter initial spread: must be finite and > 0, got " + initialSpread);
            }
            if (!(processNoise >= 0 && processNoise < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("filter process noise: must be finite and >= 0, got " + processNoise);
            }
            if (!Double.isNaN(observationNoise) && !(observationNoise > 0 && observationNoise < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("filter observation noise: must be finite and > 0, or NaN for the fit's residual RMS, got "
                        + observationNoise);
            }
        }

        /**
         * 32 members, inflation 1.5, initial spread 0.5, process noise 0.02 and the fit's residual RMS as the observation
         * noise, seed 1 (z-scored components; chosen among inflations 1.05-3 and process noises 0-0.3 on the bundled
         * zebrafish recording's evaluation with 100 training frames, issue 13, so that recording is not out of sample for
         * them).
         */
        public static Settings defaults() {
            return new Settings(32, 1.5, 0.5, 0.02, Double.NaN, 1L);
        }

        /** A copy with another seed. */
        public Settings withSeed(long s) {
            return new Settings(members, inflation, initialSpread, processNoise, observationNoise, s);
        }

        /** A copy with another number of members. */
        public Settings withMembers(int m) {
            return new Settings(m, inflation, initialSpread, processNoise, observationNoise, seed);
        }

        /** A copy with another observation noise (NaN: the fit's residual RMS). */
        public Settings withObservationNoise(double sd) {
            return new Settings(members, inflation, initialSpread, processNoise, sd, seed);
        }

        /** A copy with another inflation and process noise. */
        public Settings withModelError(double inflationFactor, double processSd) {
            return new Settings(members, inflationFactor, initialSpread, processSd, observationNoise, seed);
        }

        /** Every setting, for provenance. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", "ETKF (deterministic square root, Hunt et al. 2007)");
            m.put("members", members);
            m.put("inflation", inflation);
            m.put("initialSpread", initialSpread);
            m.put("processNoise", processNoise);
            m.put("observationNoise", Double.isNaN(observationNoise) ? "the fit's residual RMS" : observationNoise);
            m.put("seed", seed);
            m.put("start", "frame 2 of each history, from the implied state of frames 0-2");
            return m;
        }
    }

    /** Frames of history the filter needs before its first analysis (frames 0–2 give the starting state). */
    public static final int FIRST_FRAME = 2;

    private static final int[] NONE = new int[0];

    private final ParametricField model;
    private final int[] observed;
    private final int d;
    private final int m;
    private final double dt;
    private final double obsSd;
    private final Settings s;
    private final FixedStepPath path;
    private final double[][] ens;
    private final double[] mean;
    private final double[] scratch;
    // analysis work arrays (the per-frame analysis allocates only inside the p x p eigendecomposition)
    private final int[] rows;
    private final double[][] anomalies;
    private final double[][] observedAnomalies;
    private final double[] innovation;
    private final double[] weights;
    private final double[][] directions;
    private final double[] corrections;
    private final double[][] projected;
    private final double[] newMean;
    private int frame = -1;
    private int resets;
    private int restarts;
    private final double[][] recent = new double[3][];

    /**
     * A filter that has assimilated nothing yet.
     *
     * @param observed the state index of each observed channel
     * @param obsSd    the observation noise standard deviation (used where the settings give NaN)
     */
    public EnsembleFilter(ParametricField model, int[] observed, double dt, int substeps, double obsSd, Settings settings) {
        this.model = model;
        this.observed = observed.clone();
        this.d = model.getDimension();
        this.s = settings;
        this.m = settings.members();
        this.dt = dt;
        double r = Double.isNaN(settings.observationNoise()) ? obsSd : settings.observationNoise();
        if (!(r > 0 && r < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("filter observation noise: must be finite and > 0, got " + r
                    + (Double.isNaN(settings.observationNoise()) ? " (the fit's residual RMS)" : ""));
        }
        this.obsSd = r;
        this.path = new FixedStepPath(d, new int[0], dt, substeps, Shooting.LIMIT);
        this.ens = new double[m][d];
        this.mean = new double[d];
        this.scratch = new double[d];
        int no = observed.length;
        this.rows = new int[no];
        this.anomalies = new double[m][d];
        this.observedAnomalies = new double[no][m];
        this.innovation = new double[no];
        this.weights = new double[m];
        this.directions = new double[no][m];
        this.corrections = new double[no];
        this.projected = new double[no][d];
        this.newMean = new double[d];
    }

    /** A deep copy: same settings, ensemble and counters. */
    public EnsembleFilter copy() {
        EnsembleFilter c = new EnsembleFilter(model, observed, dt, path.substeps(), obsSd, s);
        for (int j = 0; j < m; j++) {
            System.arraycopy(ens[j], 0, c.ens[j], 0, d);
        }
        c.frame = frame;
        c.resets = resets;
        c.restarts = restarts;
        for (int k = 0; k < 3; k++) {
            c.recent[k] = recent[k] == null ? null : recent[k].clone();
        }
        return c;
    }

    /** Frames assimilated so far (the index of the next frame). */
    public int frames() { return frame + 1; }

    /** Members replaced after diverging in a forecast step, so far. */
    public int resets() { return resets; }

    /** Times every member diverged and the ensemble was drawn again, so far. */
    public int restarts() { return restarts; }

    /** The observation noise standard deviation in use. */
    public double observationNoise() { return obsSd; }

    /** The settings. */
    public Settings settings() { return s; }

    /**
     * Assimilates the next frame of the history ({@link #frames()} is its index): frames 0 and 1
     * are only kept; frame 2 starts the ensemble; every later frame is a forecast step and an
     * analysis. NaN values are missing observations.
     */
    public void assimilate(double[] x) {
        if (x.length != observed.length) {
            throw new IllegalArgumentException("frame: need " + observed.length + " values, got " + x.length);
        }
        frame++;
        recent[0] = recent[1];
        recent[1] = recent[2];
        recent[2] = x.clone();
        if (frame < FIRST_FRAME) {
            return;
        }
        if (frame == FIRST_FRAME) {
            draw(frame);
        } else {
            forecastStep();
        }
        analysis(x);
    }

    /** The members' current states {@code [member][state]} (a copy); empty before frame 2 is assimilated. */
    public double[][] members() {
        if (frame < FIRST_FRAME) {
            return new double[0][];
        }
        double[][] c = new double[m][];
        for (int j = 0; j < m; j++) {
            c[j] = ens[j].clone();
        }
        return c;
    }

    /** The ensemble mean state (a copy); NaN before frame 2. */
    public double[] mean() {
        double[] out = new double[d];
        if (frame < FIRST_FRAME) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        meanInto(out);
        return out;
    }

    private void meanInto(double[] out) {
        Arrays.fill(out, 0);
        for (double[] e : ens) {
            for (int i = 0; i < d; i++) {
                out[i] += e[i];
            }
        }
        for (int i = 0; i < d; i++) {
            out[i] /= m;
        }
    }

    /** Draws the ensemble around the state the model implies at the current frame from the last three frames (a backward difference). */
    private void draw(int at) {
        double[] center = impliedState(at);
        ZigguratSampler.NormalizedGaussian g = gaussian("enkf-initial", at);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) {
                ens[j][i] = center[i] + s.initialSpread() * g.sample();
            }
        }
    }

    private ZigguratSampler.NormalizedGaussian gaussian(String what, int at) {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(Seeds.derive(s.seed(), what), Integer.toString(at)));
        return ZigguratSampler.NormalizedGaussian.of(rng);
    }

    private double[] impliedState(int at) {
        int no = observed.length;
        double[] x = new double[no];
        double[] dx = new double[no];
        for (int i = 0; i < no; i++) {
            double a = recent[0][i];
            double b = recent[1][i];
            double c = recent[2][i];
            // second-order backward difference; a missing value falls back to a first-order one, or to 0 change
            x[i] = Double.isFinite(c) ? c : Double.isFinite(b) ? b : Double.isFinite(a) ? a : 0.0;
            dx[i] = Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) ? (3 * c - 4 * b + a) / (2 * dt)
                    : Double.isFinite(b) && Double.isFinite(c) ? (c - b) / dt : 0.0;
        }
        return MechanisticForecaster.impliedState(x, dx, model, observed);
    }

    private void forecastStep() {
        boolean[] ok = new boolean[m];
        int alive = 0;
        for (int j = 0; j < m; j++) {
            ok[j] = path.simulate(model, ens[j], 0, 2, NONE, null, scratch);
            if (ok[j]) {
                System.arraycopy(scratch, 0, ens[j], 0, d);
                alive++;
            }
        }
        if (alive == 0) {
            restarts++;
            draw(frame);
            return;
        }
        for (int j = 0; j < m; j++) {
            if (!ok[j]) {
                int k = (j + 1) % m;
                while (!ok[k]) {
                    k = (k + 1) % m;
                }
                System.arraycopy(ens[k], 0, ens[j], 0, d);
                resets++;
            }
        }
        if (s.processNoise() > 0) {
            ZigguratSampler.NormalizedGaussian g = gaussian("enkf-process", frame);
            for (double[] e : ens) {
                for (int i = 0; i < d; i++) {
                    e[i] += s.processNoise() * g.sample();
                }
            }
        }
    }

    /** The ETKF analysis with the finite values of {@code y}, with the multiplicative inflation folded into the transform. */
    private void analysis(double[] y) {
        int p = 0;
        for (int i = 0; i < observed.length; i++) {
            if (Double.isFinite(y[i])) {
                rows[p++] = i;
            }
        }
        double rho = s.inflation();
        meanInto(mean);
        // anomalies A (m x d, member-major) and observed anomalies S = H A / r (p x m)
        double[][] a = anomalies;
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) {
                a[j][i] = ens[j][i] - mean[i];
            }
        }
        if (p == 0) {
            // nothing observed: only the inflation
            double sr = Math.sqrt(rho);
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < d; i++) {
                    ens[j][i] = mean[i] + sr * a[j][i];
                }
            }
            return;
        }
        double[][] sm = observedAnomalies;
        double[] innov = innovation;
        for (int q = 0; q < p; q++) {
            int o = observed[rows[q]];
            for (int j = 0; j < m; j++) {
                sm[q][j] = a[j][o] / obsSd;
            }
            innov[q] = (y[rows[q]] - mean[o]) / obsSd;
        }
        double[][] sst = new double[p][p];
        for (int q = 0; q < p; q++) {
            for (int r = q; r < p; r++) {
                double v = 0;
                for (int j = 0; j < m; j++) {
                    v += sm[q][j] * sm[r][j];
                }
                sst[q][r] = v;
                sst[r][q] = v;
            }
        }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(sst));
        double[] lambda = eig.getEigenvalues();
        double big = 0;
        for (double l : lambda) {
            big = Math.max(big, l);
        }
        double base = (m - 1) / rho;
        double sr = Math.sqrt(rho);
        // V = S^T U Sigma^-1 (m x k) over the directions the observations see; w = V diag(sigma / (base + sigma^2)) U^T innov
        double[] w = weights;
        java.util.Arrays.fill(w, 0);
        double[][] v = directions;
        double[] c = corrections;
        int k = 0;
        for (int e = 0; e < lambda.length; e++) {
            double l = lambda[e];
            if (!(l > 1e-12 * Math.max(1.0, big))) {
                continue; // a direction the ensemble does not span: no update there
            }
            double sigma = Math.sqrt(l);
            double[] u = eig.getEigenvector(e).toArray();
            double[] col = v[k];
            for (int j = 0; j < m; j++) {
                double t = 0;
                for (int q = 0; q < p; q++) {
                    t += sm[q][j] * u[q];
                }
                col[j] = t / sigma;
            }
            double ud = 0;
            for (int q = 0; q < p; q++) {
                ud += u[q] * innov[q];
            }
            double f = sigma / (base + l) * ud;
            for (int j = 0; j < m; j++) {
                w[j] += f * col[j];
            }
            c[k] = Math.sqrt((m - 1) / (base + l)) - sr;
            k++;
        }
        // new mean: mean + A^T w; new anomalies: sqrt(rho) A + (A V) diag(c) V^T (member-major: row j = sum_l W_lj a_l)
        System.arraycopy(mean, 0, newMean, 0, d);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) {
                newMean[i] += w[j] * a[j][i];
            }
        }
        // AV[e][i] = sum_j a[j][i] v[e][j]
        double[][] av = projected;
        for (int e = 0; e < k; e++) {
            java.util.Arrays.fill(av[e], 0);
            for (int j = 0; j < m; j++) {
                double vj = v[e][j];
                for (int i = 0; i < d; i++) {
                    av[e][i] += a[j][i] * vj;
                }
            }
        }
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) {
                double t = sr * a[j][i];
                for (int e = 0; e < k; e++) {
                    t += av[e][i] * c[e] * v[e][j];
                }
                ens[j][i] = newMean[i] + t;
            }
        }
    }
}
