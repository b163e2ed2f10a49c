package io.pitwall.localservices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A server did not start or did not become ready. The message carries everything needed to see
 * why without hunting for files: the command, the log file and its last lines.
 */
public final class ServerStartException extends IOException {

    private static final long serialVersionUID = 1L;

    private ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }

    static ServerStartException of(String server, String problem, List<String> command, Path logFile, Throwable cause) {
        StringBuilder message = new StringBuilder()
                .append(server).append(' ').append(problem).append('.')
                .append("\nCommand: ").append(String.join(" ", command))
                .append("\nLog file: ").append(logFile)
                .append("\nLast ").append(LogTail.DEFAULT_LINES).append(" lines of the log:");
        for (String line : LogTail.lastLines(logFile, LogTail.DEFAULT_LINES)) {
            message.append("\n  | ").append(line);
        }
        return new ServerStartException(message.toString(), cause);
    }
}
