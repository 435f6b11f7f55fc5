package org.vdpnet.scenarios.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.vdpnet.fitting.recording.Recording;
import org.vdpnet.fitting.recording.RecordingOptions;
import org.vdpnet.fitting.recording.RecordingReader;
import picocli.CommandLine.Option;

/** The options that name and read a recording, shared by {@code fit}, {@code forecast} and {@code evaluate}. */
public final class RecordingArgs {
    @Option(names = "--recording", required = true, paramLabel = "FILE", description = "CSV, .npy, .mat (v5) or .nwb/.h5 file.")
    Path recording;
    @Option(names = "--layout", defaultValue = "time-by-channels", description = "channels-by-time or time-by-channels (default: ${DEFAULT-VALUE}).")
    String layout;
    @Option(names = "--rate", description = "Samples per second (required unless the file states it).")
    Double rate;
    @Option(names = "--variable", description = "MATLAB variable or HDF5/NWB path.")
    String variable;
    @Option(names = "--nan", defaultValue = "fail", description = {"Non-finite samples: fail, drop or interpolate (default: ${DEFAULT-VALUE}).",
        "drop removes those time points and keeps the others' real time stamps; forecast, evaluate and fit refuse the frames",
        "it leaves unevenly spaced. interpolate keeps the gaps and fills them per split: linearly within the training frames",
        "(the fitting window for fit), carried forward from the latest earlier value in the test frames."})
    String nan;

    /** Reads the recording as the options say. */
    Recording read() throws IOException {
        RecordingOptions ro = RecordingOptions.defaults().withLayout(RecordingOptions.Layout.fromId("--layout", layout))
                .withNan(RecordingOptions.NanPolicy.fromId("--nan", nan)).withVariable(variable);
        if (rate != null) {
            // checked here, so a bad --rate is refused even where the file states its own rate
            ro = ro.withRate(OptionChecks.rate(rate));
        }
        return RecordingReader.read(recording, ro);
    }
}
