package org.vdpnet.fitting.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/**
 * MATLAB v5 .mat files through mfl-core: one real numeric 2-D variable, chosen by name. Complex
 * variables are refused (their imaginary part would be lost), and a damaged file is reported in
 * words, whatever mfl-core throws.
 */
final class MatArrays {
    private MatArrays() {}

    static RecordingReader.Raw read(Path file, String variable) throws IOException {
        long size = Files.size(file);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(128);
        }
        String text = new String(head, 0, Math.min(head.length, 116), StandardCharsets.ISO_8859_1);
        if (text.startsWith("MATLAB 7.3 MAT-file")) {
            throw new IllegalArgumentException(file + ": a MATLAB v7.3 file, which is HDF5: save it with -v7, or rename it to .h5 and name the"
                    + " dataset with --variable");
        }
        if (!text.startsWith("MATLAB")) {
            throw new IllegalArgumentException(file + ": not a MATLAB .mat file (it does not start with a MATLAB header)");
        }
        if (head.length < 128) {
            throw new IllegalArgumentException(file + ": truncated MATLAB file: it ends inside the 128-byte header (" + Limits.size(size) + ")");
        }
        Mat5File mat;
        try {
            mat = Mat5.readFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": truncated or damaged MATLAB v5 file (" + Limits.size(size) + "); it could not be read"
                    + " past its header");
        } catch (OutOfMemoryError e) {
            throw new IllegalArgumentException(file + ": damaged MATLAB v5 file (" + Limits.size(size) + "): a variable claims more memory than"
                    + " Java may use");
        }
        try {
            List<String> numeric = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (MatFile.Entry e : mat.getEntries()) {
                all.add(e.getName());
                if (e.getValue() instanceof Matrix) {
                    numeric.add(e.getName());
                }
            }
            String name = variable;
            if (name == null) {
                if (numeric.isEmpty()) {
                    throw new IllegalArgumentException(file + ": holds no numeric variable" + (all.isEmpty() ? "" : " (it has " + all + ")"));
                }
                if (numeric.size() != 1) {
                    throw new IllegalArgumentException("--variable: " + file.getFileName() + " holds " + numeric.size()
                            + " numeric variables " + numeric + "; name one");
                }
                name = numeric.get(0);
            }
            if (!numeric.contains(name)) {
                throw new IllegalArgumentException("--variable: no numeric variable '" + name + "' in " + file.getFileName()
                        + "; it has " + numeric);
            }
            Matrix m = mat.getMatrix(name);
            if (m.isComplex()) {
                throw new IllegalArgumentException(file + ": variable '" + name + "' is complex; vdpnet reads real arrays"
                        + " (save real(x) or abs(x))");
            }
            int[] dims = m.getDimensions();
            if (dims.length > 2) {
                throw new IllegalArgumentException(file + ": variable '" + name + "' is " + dims.length + "-D " + Arrays.toString(dims)
                        + "; need a 2-D matrix");
            }
            int rows = m.getNumRows();
            int cols = m.getNumCols();
            Limits.requireMemory(file, size, rows, cols, true, "variable '" + name + "' (" + rows + " x " + cols + ")");
            double[][] v = new double[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    v[r][c] = m.getDouble(r, c);
                }
            }
            return new RecordingReader.Raw(v, null, null, Double.NaN);
        } catch (RuntimeException e) {
            if (Limits.ours(file, e)) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": damaged MATLAB v5 file (" + Limits.size(size) + "); a variable could not be read");
        } finally {
            try {
                mat.close();
            } catch (IOException | RuntimeException ignored) {
                // closing a damaged file changes nothing for the user
            }
        }
    }
}
