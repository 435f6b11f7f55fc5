package org.vdpnet.scenarios.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.vdpnet.sim.io.InputFiles;
import org.vdpnet.sim.io.TextNumbers;

/**
 * Reads a tract-length matrix file ({@code delays.lengths}, {@code --lengths}) as rows of numbers:
 * comma, semicolon, tab or space separated, blank lines and {@code #} comments skipped, and an
 * optional first row of labels (its first field not a number), as the connectome matrices allow.
 * Every value that parses is kept as it is, {@code NaN}, infinities and negatives included, so
 * that {@link org.vdpnet.models.DelayedNetwork#checkLengths} names the offending entry; the shape
 * is not checked here either.
 */
public final class LengthsFile {
    private static final Pattern SPLIT = Pattern.compile("[,;\\s]+");

    private LengthsFile() {}

    /**
     * The rows of {@code file}.
     *
     * @param option the setting that named the file, for messages about the file itself ({@code --lengths})
     * @param where  the setting and the file, opening messages about its contents
     */
    public static double[][] read(String option, String where, Path file) throws IOException {
        byte[] bytes = InputFiles.readAllBytes(option, file, InputFiles.TEXT_LIMIT);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(where + ": is not UTF-8 text (a binary file?); need a matrix of tract lengths in mm");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<double[]> rows = new ArrayList<>();
        boolean header = false;
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = SPLIT.split(line);
            int first = parts.length > 0 && parts[0].isEmpty() ? 1 : 0;
            if (first == parts.length) {
                throw new ScenarioException(where + ": line " + lineNo + " holds only separators; need a row of tract lengths in mm");
            }
            if (rows.isEmpty() && !header && !TextNumbers.isNumber(parts[first])) {
                header = true; // region labels
                continue;
            }
            double[] row = new double[parts.length - first];
            for (int j = first; j < parts.length; j++) {
                OptionalDouble d = TextNumbers.parse(parts[j]);
                if (d.isEmpty()) {
                    throw new ScenarioException(where + ": line " + lineNo + ", column " + (j - first + 1) + ": expected a number (mm), got '"
                            + parts[j] + "'");
                }
                row[j - first] = d.getAsDouble();
            }
            rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }
}
