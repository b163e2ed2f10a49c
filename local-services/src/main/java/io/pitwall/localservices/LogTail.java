package io.pitwall.localservices;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a server's log file, to put into the message of a failed start. */
final class LogTail {

    /** Lines long enough to show a stack trace and what led to it. */
    static final int DEFAULT_LINES = 40;

    /** Only this much of the end of the file is read, so a huge log costs nothing. */
    private static final int WINDOW_BYTES = 64 * 1024;

    private LogTail() {
    }

    static List<String> lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of("(no log file at " + file + ")");
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int window = (int) Math.min(length, WINDOW_BYTES);
            byte[] bytes = new byte[window];
            in.seek(length - window);
            in.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            if (window < length && !lines.isEmpty()) {
                // The first line of a window that starts mid-file is a fragment.
                lines = lines.subList(1, lines.size());
            }
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return List.of("(could not read log file " + file + ": " + e + ")");
        }
    }
}
