package org.vdpnet.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vdpnet.sim.Checks;

/**
 * An immutable weighted graph as a compressed sparse row (CSR) matrix {@code W}, where
 * {@code W[i][j]} is the weight with which node {@code j} drives node {@code i} (row = target,
 * column = source), plus node labels. Made once; the integrator's hot loop reads only its flat
 * arrays. A graph that is at least a quarter full also keeps a dense column-major copy, which
 * makes the weighted sum a run of vectorisable AXPYs.
 */
public final class Topology implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Fill fraction above which the dense path is used. */
    static final double DENSE_FILL = 0.25;
    /** Largest node count for which a dense copy is kept (its size grows as n^2). */
    static final int DENSE_MAX_NODES = 4096;

    private final int n;
    private final List<String> labels;
    private final int[] rowPtr;
    private final int[] cols;
    private final double[] weights;
    private final double[] rowSums;
    private final double[][] denseColumns; // column j of W, null when sparse
    /** Per-thread zero-based accumulator for the dense path: C2 vectorises the AXPY only without an index offset. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {new double[0]});
    private final boolean symmetric;

    private Topology(int n, List<String> labels, int[] rowPtr, int[] cols, double[] weights) {
        this.n = n;
        this.labels = labels;
        this.rowPtr = rowPtr;
        this.cols = cols;
        this.weights = weights;
        this.rowSums = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                s += weights[k];
            }
            rowSums[i] = s;
        }
        long nnz = weights.length;
        if (n <= DENSE_MAX_NODES && nnz >= DENSE_FILL * n * (double) n) {
            denseColumns = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    denseColumns[cols[k]][i] = weights[k];
                }
            }
        } else {
            denseColumns = null;
        }
        this.symmetric = checkSymmetric();
    }

    /**
     * A topology from a square matrix, {@code w[i][j]} being the weight of source {@code j} on
     * target {@code i}. Zeros are not stored. Rejects ragged, non-square and non-finite input.
     *
     * @param name used in error messages, for example the file name
     */
    public static Topology fromMatrix(String name, double[][] w, List<String> labels) {
        int n = w.length;
        if (n == 0) {
            throw new IllegalArgumentException(name + ": the graph is empty (0 nodes); need at least 1");
        }
        for (int i = 0; i < n; i++) {
            if (w[i] == null || w[i].length != n) {
                throw new IllegalArgumentException(name + ": matrix must be square " + n + "x" + n
                        + ", but row " + (i + 1) + " has " + (w[i] == null ? 0 : w[i].length) + " values");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(w[i][j])) {
                    throw new IllegalArgumentException(name + ": entry (" + (i + 1) + ", " + (j + 1)
                            + ") must be finite, got " + w[i][j]);
                }
            }
        }
        List<String> lab = labelsOrDefault(name, labels, n);
        int[] rowPtr = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (double v : w[i]) {
                c += v != 0 ? 1 : 0;
            }
            rowPtr[i + 1] = rowPtr[i] + c;
        }
        int[] cols = new int[rowPtr[n]];
        double[] ws = new double[rowPtr[n]];
        for (int i = 0, k = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (w[i][j] != 0) {
                    cols[k] = j;
                    ws[k++] = w[i][j];
                }
            }
        }
        return new Topology(n, lab, rowPtr, cols, ws);
    }

    /**
     * A topology from edges {@code (source, target, weight)}; an undirected edge is given as two
     * directed ones. Parallel edges add up; zero sums are dropped. Builds the CSR arrays
     * directly, so it scales to large sparse graphs.
     */
    public static Topology fromEdges(String name, int n, int[] sources, int[] targets, double[] w, List<String> labels) {
        if (n <= 0) {
            throw new IllegalArgumentException(name + ": the graph is empty (0 nodes); need at least 1");
        }
        List<String> lab = labelsOrDefault(name, labels, n);
        int m = sources.length;
        int[] count = new int[n + 1];
        for (int e = 0; e < m; e++) {
            Checks.inRange(name + ": edge source", sources[e], 0, n - 1);
            Checks.inRange(name + ": edge target", targets[e], 0, n - 1);
            Checks.finite(name + ": weight of edge " + sources[e] + "->" + targets[e], w[e]);
            count[targets[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            count[i + 1] += count[i];
        }
        int[] fill = Arrays.copyOf(count, n);
        int[] c = new int[m];
        double[] v = new double[m];
        for (int e = 0; e < m; e++) {
            int k = fill[targets[e]]++;
            c[k] = sources[e];
            v[k] = w[e];
        }
        int[] rowPtr = new int[n + 1];
        int[] cols = new int[m];
        double[] ws = new double[m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int from = count[i];
            int to = count[i + 1];
            Integer[] order = new Integer[to - from];
            for (int q = 0; q < order.length; q++) {
                order[q] = from + q;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(c[a], c[b]));
            for (int q = 0; q < order.length; ) {
                int col = c[order[q]];
                double sum = 0;
                while (q < order.length && c[order[q]] == col) {
                    sum += v[order[q++]];
                }
                if (sum != 0) {
                    cols[k] = col;
                    ws[k++] = sum;
                }
            }
            rowPtr[i + 1] = k;
        }
        return new Topology(n, lab, rowPtr, Arrays.copyOf(cols, k), Arrays.copyOf(ws, k));
    }

    /**
     * A topology with every entry of the square matrix stored, zeros included: the pattern of a
     * fully connected graph with self-loops, whose weights can then be fitted
     * ({@link #withWeights}). {@link #fromMatrix} drops zeros instead.
     */
    public static Topology complete(String name, double[][] w, List<String> labels) {
        Topology checked = fromMatrix(name, w, labels);
        int n = w.length;
        int[] rowPtr = new int[n + 1];
        int[] cols = new int[n * n];
        double[] ws = new double[n * n];
        for (int i = 0; i < n; i++) {
            rowPtr[i + 1] = (i + 1) * n;
            for (int j = 0; j < n; j++) {
                cols[i * n + j] = j;
                ws[i * n + j] = w[i][j];
            }
        }
        return new Topology(n, checked.labels, rowPtr, cols, ws);
    }

    /**
     * A topology with exactly the given edges, zero weights included (a pattern whose weights can
     * be fitted, or a fitted network read back). Unlike {@link #fromEdges}, an edge listed twice is
     * refused (naming it) rather than summed, and zeros are kept.
     */
    public static Topology pattern(String name, int n, int[] sources, int[] targets, double[] w, List<String> labels) {
        if (n <= 0) {
            throw new IllegalArgumentException(name + ": the graph is empty (0 nodes); need at least 1");
        }
        List<String> lab = labelsOrDefault(name, labels, n);
        int m = sources.length;
        if (targets.length != m || w.length != m) {
            throw new IllegalArgumentException(name + ": need as many targets and weights as sources (" + m + "), got " + targets.length + " and " + w.length);
        }
        Integer[] order = new Integer[m];
        for (int e = 0; e < m; e++) {
            Checks.inRange(name + ": edge source", sources[e], 0, n - 1);
            Checks.inRange(name + ": edge target", targets[e], 0, n - 1);
            Checks.finite(name + ": weight of edge " + sources[e] + "->" + targets[e], w[e]);
            order[e] = e;
        }
        Arrays.sort(order, (a, b) -> targets[a] != targets[b] ? Integer.compare(targets[a], targets[b]) : Integer.compare(sources[a], sources[b]));
        int[] rowPtr = new int[n + 1];
        int[] cols = new int[m];
        double[] ws = new double[m];
        for (int k = 0; k < m; k++) {
            int e = order[k];
            if (k > 0 && targets[order[k - 1]] == targets[e] && sources[order[k - 1]] == sources[e]) {
                throw new IllegalArgumentException(name + ": edge " + sources[e] + "->" + targets[e] + " is listed twice");
            }
            cols[k] = sources[e];
            ws[k] = w[e];
            rowPtr[targets[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            rowPtr[i + 1] += rowPtr[i];
        }
        return new Topology(n, lab, rowPtr, cols, ws);
    }

    /**
     * The same edges with other weights, in storage order (row by row, sources ascending, as
     * {@link #edgeTarget}/{@link #edgeSource} list them). Zeros are kept, so the pattern does not
     * change while a fit moves the weights.
     */
    public Topology withWeights(double[] w) {
        if (w.length != weights.length) {
            throw new IllegalArgumentException("weights: need one per edge (" + weights.length + "), got " + w.length);
        }
        for (int k = 0; k < w.length; k++) {
            if (!Double.isFinite(w[k])) {
                throw new IllegalArgumentException("weight of edge " + cols[k] + "->" + edgeTarget(k) + ": must be finite, got " + w[k]);
            }
        }
        return new Topology(n, labels, rowPtr, cols, w.clone());
    }

    /** The target (row) of stored edge {@code k}. */
    public int edgeTarget(int k) {
        int i = Arrays.binarySearch(rowPtr, k);
        if (i >= 0) {
            while (i + 1 < rowPtr.length && rowPtr[i + 1] == k) {
                i++; // skip empty rows
            }
            return i;
        }
        return -i - 2;
    }

    /** The source (column) of stored edge {@code k}. */
    public int edgeSource(int k) { return cols[k]; }

    /** The weight of stored edge {@code k}. */
    public double edgeWeight(int k) { return weights[k]; }

    /** Direct read access to the CSR arrays, for the Jacobians; must not be modified. */
    int[] rowPointers() { return rowPtr; }

    int[] columns() { return cols; }

    double[] weightsArray() { return weights; }

    private static List<String> labelsOrDefault(String name, List<String> labels, int n) {
        if (labels == null || labels.isEmpty()) {
            List<String> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                l.add(Integer.toString(i));
            }
            return List.copyOf(l);
        }
        if (labels.size() != n) {
            throw new IllegalArgumentException(name + ": need one label per node (" + n + "), got " + labels.size());
        }
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            Integer before = seen.putIfAbsent(labels.get(i), i + 1);
            if (before != null) {
                throw new IllegalArgumentException(name + ": node labels must be unique, but '" + labels.get(i)
                        + "' is label " + before + " and " + (i + 1));
            }
        }
        return List.copyOf(labels);
    }

    /**
     * Writes {@code out[outOff + i] = sum_j W[i][j] * src[srcOff + j]} for every node {@code i}.
     * Allocation-free; the hot loop of every coupling.
     */
    public void weightedSum(double[] src, int srcOff, double[] out, int outOff) {
        if (denseColumns != null) {
            denseSum(src, srcOff, out, outOff);
            return;
        }
        final int[] rp = rowPtr;
        final int[] cs = cols;
        final double[] ws = weights;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = rp[i], end = rp[i + 1]; k < end; k++) {
                s += ws[k] * src[srcOff + cs[k]];
            }
            out[outOff + i] = s;
        }
    }

    /**
     * Row {@code i} of {@link #weightedSum} for an ensemble of {@code members} side by side
     * (member-minor: component {@code j} of member {@code m} at {@code src[j * members + m]};
     * {@code srcOff} counts components): {@code acc[m] = sum_j W_ij src[(srcOff + j) * members + m]},
     * each member's sum formed in exactly the order {@code weightedSum} forms it (CSR row in order, or
     * dense columns two at a time from zero), so bit-identical. Each source row is first copied into
     * {@code row} / {@code row2} (scratch of at least {@code members}), so that every loop reads and
     * writes arrays at the same index and C2 vectorises it over the members. Allocation-free. It must
     * change together with {@link #weightedSum} (the ensemble tests compare the two bit for bit).
     */
    public void weightedRowMembers(int i, double[] src, int srcOff, int members, double[] acc, double[] row, double[] row2) {
        final int b = members;
        Arrays.fill(acc, 0, b, 0.0);
        if (denseColumns != null) {
            final double[][] c = denseColumns;
            int j = 0;
            for (; j + 1 < n; j += 2) {
                final double w0 = c[j][i];
                final double w1 = c[j + 1][i];
                System.arraycopy(src, (srcOff + j) * b, row, 0, b);
                System.arraycopy(src, (srcOff + j + 1) * b, row2, 0, b);
                for (int m = 0; m < b; m++) {
                    acc[m] = acc[m] + w0 * row[m] + w1 * row2[m];
                }
            }
            for (; j < n; j++) {
                final double w = c[j][i];
                System.arraycopy(src, (srcOff + j) * b, row, 0, b);
                for (int m = 0; m < b; m++) {
                    acc[m] += w * row[m];
                }
            }
            return;
        }
        final int[] cs = cols;
        final double[] ws = weights;
        for (int k = rowPtr[i], end = rowPtr[i + 1]; k < end; k++) {
            final double w = ws[k];
            System.arraycopy(src, (srcOff + cs[k]) * b, row, 0, b);
            for (int m = 0; m < b; m++) {
                acc[m] += w * row[m];
            }
        }
    }

    /** Whether {@code o} has the same nodes, edges, weights and storage (so the same sums, bit for bit). */
    public boolean sameGraph(Topology o) {
        return o == this || (n == o.n && (denseColumns == null) == (o.denseColumns == null) && Arrays.equals(rowPtr, o.rowPtr)
                && Arrays.equals(cols, o.cols) && Arrays.equals(weights, o.weights));
    }

    /**
     * Writes {@code out[outOff + i] = sum_k W_k * edgeValues[k]} over the stored edges {@code k} of
     * row {@code i}, for every node: the weighted sum when each edge carries its own value (a
     * delayed source). Allocation-free.
     */
    public void edgeSum(double[] edgeValues, double[] out, int outOff) {
        final int[] rp = rowPtr;
        final double[] ws = weights;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = rp[i], end = rp[i + 1]; k < end; k++) {
                s += ws[k] * edgeValues[k];
            }
            out[outOff + i] = s;
        }
    }

    /**
     * Dense {@code W x} as AXPYs over columns, two at a time, into a zero-based per-thread
     * accumulator (which C2 turns into SIMD code), then one copy into {@code out}.
     */
    private void denseSum(double[] src, int srcOff, double[] out, int outOff) {
        final double[][] holder = SCRATCH.get();
        double[] acc = holder[0];
        if (acc.length != n) {
            acc = new double[n];
            holder[0] = acc;
        }
        Arrays.fill(acc, 0.0);
        final double[][] c = denseColumns;
        int j = 0;
        for (; j + 1 < n; j += 2) {
            final double x0 = src[srcOff + j];
            final double x1 = src[srcOff + j + 1];
            final double[] c0 = c[j];
            final double[] c1 = c[j + 1];
            for (int i = 0; i < acc.length; i++) {
                acc[i] = acc[i] + c0[i] * x0 + c1[i] * x1;
            }
        }
        for (; j < n; j++) {
            final double xj = src[srcOff + j];
            final double[] cj = c[j];
            for (int i = 0; i < acc.length; i++) {
                acc[i] += cj[i] * xj;
            }
        }
        System.arraycopy(acc, 0, out, outOff, n);
    }

    /** Number of nodes. */
    public int nodes() { return n; }

    /** Number of stored weights (non-zero ones, or every entry of a {@link #complete} pattern). */
    public int nonZeros() { return weights.length; }

    /** Node labels. */
    public List<String> labels() { return labels; }

    /** Whether {@code W} equals its transpose. */
    public boolean isSymmetric() { return symmetric; }

    /** Whether the weighted sum takes the dense path. */
    public boolean isDense() { return denseColumns != null; }

    /** The in-strength {@code sum_j W[i][j]} of node {@code i}. */
    public double rowSum(int i) { return rowSums[i]; }

    /** Direct read access to the row sums for couplings; must not be modified. */
    double[] rowSumsArray() { return rowSums; }

    /** {@code W[i][j]}. */
    public double weight(int i, int j) {
        int k = Arrays.binarySearch(cols, rowPtr[i], rowPtr[i + 1], j);
        return k >= 0 ? weights[k] : 0.0;
    }

    /** The sources of node {@code i} (columns of row {@code i}). */
    public int[] neighbours(int i) { return Arrays.copyOfRange(cols, rowPtr[i], rowPtr[i + 1]); }

    /** The dense matrix {@code W} (a copy). */
    public double[][] toMatrix() {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                m[i][cols[k]] = weights[k];
            }
        }
        return m;
    }

    /** The largest absolute weight. */
    public double maxAbsWeight() {
        double m = 0;
        for (double w : weights) {
            m = Math.max(m, Math.abs(w));
        }
        return m;
    }

    /** How weights are rescaled before use. */
    public enum Normalization {
        /** As given. */
        NONE,
        /** Divided by the largest absolute weight. */
        MAX,
        /** Each row divided by its in-strength, so the inputs of a node average its sources. */
        ROW;

        /** Parses a short id: none, max, row. */
        public static Normalization fromId(String name, String id) {
            for (Normalization v : values()) {
                if (v.name().equalsIgnoreCase(id)) {
                    return v;
                }
            }
            throw new IllegalArgumentException(name + ": unknown normalisation '" + id + "'; allowed: none, max, row");
        }

        /** The short id. */
        public String id() { return name().toLowerCase(Locale.ROOT); }
    }

    /** A copy with the weights normalised; rows or graphs with zero weight stay as they are. */
    public Topology normalized(Normalization how) {
        double[] ws = weights.clone();
        switch (how) {
            case NONE:
                return this;
            case MAX: {
                double m = maxAbsWeight();
                if (m > 0) {
                    for (int k = 0; k < ws.length; k++) {
                        ws[k] /= m;
                    }
                }
                break;
            }
            case ROW:
                for (int i = 0; i < n; i++) {
                    double s = rowSums[i];
                    if (s != 0) {
                        for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                            ws[k] /= s;
                        }
                    }
                }
                break;
            default:
                throw new IllegalStateException(how.name());
        }
        return new Topology(n, labels, rowPtr, cols, ws);
    }

    /** A copy with {@code W} transposed (sources and targets swapped). */
    public Topology transposed() {
        int m = weights.length;
        int[] src = new int[m];
        int[] dst = new int[m];
        for (int i = 0; i < n; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                src[k] = i;
                dst[k] = cols[k];
            }
        }
        return fromEdges("transpose", n, src, dst, weights, labels);
    }

    private boolean checkSymmetric() {
        for (int i = 0; i < n; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                if (weight(cols[k], i) != weights[k]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Topology[%d nodes, %d weights, %s, %s]", n, weights.length,
                symmetric ? "symmetric" : "directed", isDense() ? "dense" : "sparse");
    }
}
