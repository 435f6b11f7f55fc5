package org.vdpnet.sim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to integrate: the method and its step or tolerances. An immutable value; the
 * {@link Simulator} builds a fresh integrator from it for every run.
 *
 * <p>Every method runs in vdpnet's own allocation-free loops: the adaptive methods (Dormand–Prince
 * 8(5,3) and 5(4), Hairer's step-size control as in Hipparchus and SciPy), the fixed-step methods
 * (classical RK4, Euler) and the stochastic ones (Euler–Maruyama, stochastic Heun). An adaptive run
 * with a stop condition uses Hipparchus's integrator and its event handling.
 */
public final class IntegratorSpec implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The integration methods, each with its short id as used on the command line. */
    public enum Method {
        DOP853("dop853", true, false),
        DOP54("dopri5", true, false),
        RK4("rk4", false, false),
        EULER("euler", false, false),
        EULER_MARUYAMA("euler-maruyama", false, true),
        HEUN("heun", false, true);

        private final String id;
        private final boolean adaptive;
        private final boolean stochastic;

        Method(String id, boolean adaptive, boolean stochastic) {
            this.id = id;
            this.adaptive = adaptive;
            this.stochastic = stochastic;
        }

        /** The short id, for example {@code dop853}. */
        public String id() { return id; }

        /** Whether the method controls its own step size. */
        public boolean adaptive() { return adaptive; }

        /** Whether the method integrates noise. */
        public boolean stochastic() { return stochastic; }

        /** The method with the given short id. */
        public static Method fromId(String name, String id) {
            for (Method m : values()) {
                if (m.id.equalsIgnoreCase(id)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(name + ": unknown integrator '" + id + "'; allowed: "
                    + String.join(", ", Arrays.stream(values()).map(Method::id).toList()));
        }
    }

    /**
     * How a fixed-step method reads a delay that is not a whole number of steps (see
     * {@link DelayedField}).
     */
    public enum DelayRule {
        /**
         * The delay is rounded to the nearest whole number of steps, {@code round(tau / dt)} (halves
         * round up), so a read at a stage on the grid returns a stored state exactly; a delay below
         * half a step becomes instantaneous. The Virtual Brain's rule.
         */
        NEAREST,
        /** The exact delay, read by linear interpolation between the stored steps. */
        LINEAR;

        /** The short id: nearest or linear. */
        public String id() { return name().toLowerCase(Locale.ROOT); }

        /** The rule with the given short id. */
        public static DelayRule fromId(String name, String id) {
            for (DelayRule r : values()) {
                if (r.id().equalsIgnoreCase(id)) {
                    return r;
                }
            }
            throw new IllegalArgumentException(name + ": unknown delay rule '" + id + "'; allowed: nearest, linear");
        }
    }

    private static final int DEFAULT_MAX_EVALUATIONS = Integer.MAX_VALUE;

    private final Method method;
    private final double step;
    private final double relTol;
    private final double absTol;
    private final double minStep;
    private final double maxStep;
    private final int maxEvaluations;
    private final DelayRule delayRule;

    private IntegratorSpec(Method method, double step, double relTol, double absTol,
                           double minStep, double maxStep, int maxEvaluations) {
        this(method, step, relTol, absTol, minStep, maxStep, maxEvaluations, DelayRule.NEAREST);
    }

    private IntegratorSpec(Method method, double step, double relTol, double absTol,
                           double minStep, double maxStep, int maxEvaluations, DelayRule delayRule) {
        this.method = method;
        this.step = step;
        this.relTol = relTol;
        this.absTol = absTol;
        this.minStep = minStep;
        this.maxStep = maxStep;
        this.maxEvaluations = maxEvaluations;
        this.delayRule = delayRule;
    }

    /** Dormand–Prince 8(5,3) with the given relative and absolute tolerances. */
    public static IntegratorSpec dormandPrince853(double relTol, double absTol) {
        return adaptive(Method.DOP853, relTol, absTol);
    }

    /** Dormand–Prince 5(4) with the given relative and absolute tolerances. */
    public static IntegratorSpec dormandPrince54(double relTol, double absTol) {
        return adaptive(Method.DOP54, relTol, absTol);
    }

    /** Classical fourth-order Runge–Kutta with a fixed step. */
    public static IntegratorSpec rungeKutta4(double step) { return fixed(Method.RK4, step); }

    /** Explicit Euler with a fixed step. */
    public static IntegratorSpec euler(double step) { return fixed(Method.EULER, step); }

    /** Euler–Maruyama (Itô, strong order 0.5, 1 for additive noise) with a fixed step. */
    public static IntegratorSpec eulerMaruyama(double step) { return fixed(Method.EULER_MARUYAMA, step); }

    /** Stochastic Heun (Stratonovich predictor–corrector) with a fixed step. */
    public static IntegratorSpec stochasticHeun(double step) { return fixed(Method.HEUN, step); }

    /** A spec for {@code method}: the step is used by fixed-step methods, the tolerances by adaptive ones. */
    public static IntegratorSpec of(Method method, double step, double relTol, double absTol) {
        return method.adaptive() ? adaptive(method, relTol, absTol) : fixed(method, step);
    }

    private static IntegratorSpec adaptive(Method m, double relTol, double absTol) {
        Checks.positive("rtol", relTol);
        Checks.positive("atol", absTol);
        return new IntegratorSpec(m, Double.NaN, relTol, absTol, 0.0, Double.POSITIVE_INFINITY, DEFAULT_MAX_EVALUATIONS);
    }

    private static IntegratorSpec fixed(Method m, double step) {
        Checks.positive("dt", step);
        return new IntegratorSpec(m, step, Double.NaN, Double.NaN, step, step, DEFAULT_MAX_EVALUATIONS);
    }

    /** A copy with a budget of right-hand-side evaluations; past it the run ends with {@link Status#MAX_EVALUATIONS}. */
    public IntegratorSpec withMaxEvaluations(int max) {
        Checks.positive("max-evaluations", max);
        return new IntegratorSpec(method, step, relTol, absTol, minStep, maxStep, max, delayRule);
    }

    /** A copy that reads delays by {@code rule} (the default is {@link DelayRule#NEAREST}). */
    public IntegratorSpec withDelayRule(DelayRule rule) {
        return new IntegratorSpec(method, step, relTol, absTol, minStep, maxStep, maxEvaluations,
                java.util.Objects.requireNonNull(rule, "delay rule"));
    }

    /** How delays are read. */
    public DelayRule delayRule() { return delayRule; }

    /** A copy with bounds on the adaptive step size. */
    public IntegratorSpec withStepBounds(double min, double max) {
        if (!method.adaptive()) {
            throw new IllegalArgumentException("step bounds: only adaptive integrators take them, got " + method.id());
        }
        Checks.nonNegative("min-step", min);
        if (!(max > min)) {
            throw new IllegalArgumentException("max-step: must be > min-step (" + min + "), got " + max);
        }
        return new IntegratorSpec(method, step, relTol, absTol, min, max, maxEvaluations, delayRule);
    }

    /** The method. */
    public Method method() { return method; }

    /** The fixed step; NaN for adaptive methods. */
    public double step() { return step; }

    /** The relative tolerance; NaN for fixed-step methods. */
    public double relTol() { return relTol; }

    /** The absolute tolerance; NaN for fixed-step methods. */
    public double absTol() { return absTol; }

    /** The smallest adaptive step. */
    public double minStep() { return minStep; }

    /** The largest adaptive step. */
    public double maxStep() { return maxStep; }

    /** The evaluation budget. */
    public int maxEvaluations() { return maxEvaluations; }

    /** The settings as a map, for provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method.id());
        if (method.adaptive()) {
            m.put("rtol", relTol);
            m.put("atol", absTol);
            m.put("minStep", minStep);
            m.put("maxStep", Double.isInfinite(maxStep) ? "inf" : maxStep);
        } else {
            m.put("dt", step);
            m.put("delayRule", delayRule.id());
        }
        m.put("maxEvaluations", maxEvaluations);
        return m;
    }

    @Override
    public String toString() {
        return method.adaptive()
                ? String.format(Locale.ROOT, "%s(rtol=%g, atol=%g)", method.id(), relTol, absTol)
                : String.format(Locale.ROOT, "%s(dt=%g)", method.id(), step);
    }
}
