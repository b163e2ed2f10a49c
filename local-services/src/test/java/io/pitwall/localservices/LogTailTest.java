package io.pitwall.localservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void returnsTheLastLines() throws Exception {
        Path log = dir.resolve("log");
        Files.write(log, lines(1, 100));

        assertThat(LogTail.lastLines(log, 3)).containsExactly("line 98", "line 99", "line 100");
    }

    @Test
    void returnsTheWholeFileWhenItIsShort() throws Exception {
        Path log = dir.resolve("log");
        Files.write(log, lines(1, 2));

        assertThat(LogTail.lastLines(log, 40)).containsExactly("line 1", "line 2");
    }

    @Test
    void readsOnlyTheEndOfAHugeFileAndDropsTheCutLine() throws Exception {
        Path log = dir.resolve("log");
        Files.write(log, lines(1, 200_000));

        List<String> tail = LogTail.lastLines(log, 40);

        assertThat(tail).hasSize(40).endsWith("line 200000").allMatch(line -> line.startsWith("line "));
    }

    @Test
    void saysSoWhenThereIsNoLog() {
        assertThat(LogTail.lastLines(dir.resolve("missing"), 40)).singleElement().asString().contains("no log file");
    }

    private static List<String> lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.toList());
    }
}
