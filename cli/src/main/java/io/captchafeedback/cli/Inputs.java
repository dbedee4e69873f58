package io.captchafeedback.cli;

import io.captchafeedback.record.Recording;
import io.captchafeedback.record.RecordingFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Reading the commands' input files. Not public API. */
final class Inputs {

    private Inputs() {
    }

    /** The recordings in these files and directories (every {@code *.json} of a directory). */
    static List<Recording> recordings(List<Path> paths, CommandLine cl) {
        List<Recording> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                        out.add(RecordingFiles.read(f));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(RecordingFiles.read(p));
            } else {
                throw new CommandLine.ParameterException(cl, p + ": no such file or directory");
            }
        }
        return out;
    }
}
