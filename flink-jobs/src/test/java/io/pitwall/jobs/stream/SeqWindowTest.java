package io.pitwall.jobs.stream;

import org.junit.jupiter.api.Test;

import static io.pitwall.jobs.stream.SeqWindow.Verdict.BEYOND_WINDOW;
import static io.pitwall.jobs.stream.SeqWindow.Verdict.DUPLICATE;
import static io.pitwall.jobs.stream.SeqWindow.Verdict.NEW;
import static org.assertj.core.api.Assertions.assertThat;

class SeqWindowTest {

    @Test
    void recognisesResendsInsideTheWindowInAnyOrder() {
        SeqWindow w = SeqWindow.startingAt(10);
        assertThat(w.record(12)).isEqualTo(NEW);
        assertThat(w.record(11)).isEqualTo(NEW);
        assertThat(w.record(11)).isEqualTo(DUPLICATE);
        assertThat(w.record(10)).isEqualTo(DUPLICATE);
        assertThat(w.record(12)).isEqualTo(DUPLICATE);
    }

    @Test
    void forgetsWhatFallsOutOfTheWindow() {
        SeqWindow w = SeqWindow.startingAt(1);
        assertThat(w.record(1 + SeqWindow.SIZE)).isEqualTo(NEW);
        assertThat(w.record(1)).isEqualTo(BEYOND_WINDOW);
        assertThat(w.record(2)).as("inside the window, never seen").isEqualTo(NEW);
    }

    @Test
    void aJumpLargerThanTheWindowClearsEveryOldBit() {
        SeqWindow w = SeqWindow.startingAt(5);
        w.record(6);
        long far = 6 + 3L * SeqWindow.SIZE;
        assertThat(w.record(far)).isEqualTo(NEW);
        assertThat(w.record(far - SeqWindow.SIZE + 1)).isEqualTo(NEW);
        assertThat(w.record(far - 1)).isEqualTo(NEW);
    }

    @Test
    void comparesSequenceNumbersAsUnsigned() {
        SeqWindow w = SeqWindow.startingAt(Long.MAX_VALUE);
        assertThat(w.record(Long.MAX_VALUE + 1)).as("2^63 is newer than 2^63-1").isEqualTo(NEW);
        assertThat(w.record(-1L)).as("2^64-1").isEqualTo(NEW);
        assertThat(w.record(Long.MAX_VALUE)).isEqualTo(BEYOND_WINDOW);
    }
}
