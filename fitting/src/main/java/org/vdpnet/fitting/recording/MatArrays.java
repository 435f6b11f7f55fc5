package org.vdpnet.fitting.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/** MATLAB v5 .mat files through mfl-core: one numeric 2-D variable, chosen by name. */
final class MatArrays {
    private MatArrays() {}

    static RecordingReader.Raw read(Path file, String variable) throws IOException {
        Mat5File mat;
        try {
            mat = Mat5.readFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a readable MATLAB v5 file (" + e.getMessage() + "); v7.3 files are HDF5: save with -v7 or read as .h5");
        }
        try {
            List<String> numeric = new ArrayList<>();
            for (MatFile.Entry e : mat.getEntries()) {
                if (e.getValue() instanceof Matrix) {
                    numeric.add(e.getName());
                }
            }
            String name = variable;
            if (name == null) {
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
            int rows = m.getNumRows();
            int cols = m.getNumCols();
            double[][] v = new double[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    v[r][c] = m.getDouble(r, c);
                }
            }
            return new RecordingReader.Raw(v, null, null, Double.NaN);
        } finally {
            mat.close();
        }
    }
}
