package io.pitwall.simulators.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InflightWindowTest {

    @Test
    void eachPubAckReturnsTheSendTimeOfItsOwnPublish() {
        InflightWindow window = new InflightWindow(3);
        int a = window.acquire(100);
        int b = window.acquire(200);
        int c = window.acquire(300);
        assertThat(Set.of(a, b, c)).hasSize(3).allMatch(id -> id >= 1 && id <= 65_535);
        assertThat(window.isFull()).isTrue();
        assertThatThrownBy(() -> window.acquire(400)).isInstanceOf(IllegalStateException.class);
        // Acknowledged out of order, as a broker may.
        assertThat(window.release(b)).isEqualTo(200);
        assertThat(window.release(c)).isEqualTo(300);
        assertThat(window.release(a)).isEqualTo(100);
        assertThat(window.size()).isZero();
    }

    @Test
    void aDuplicateOrUnknownPubAckIsNotTimed() {
        InflightWindow window = new InflightWindow(4);
        int id = window.acquire(5);
        assertThat(window.release(id)).isEqualTo(5);
        assertThat(window.release(id)).isEqualTo(InflightWindow.NOT_IN_FLIGHT);
        assertThat(window.release(0)).isEqualTo(InflightWindow.NOT_IN_FLIGHT);
        assertThat(window.release(65_535)).isEqualTo(InflightWindow.NOT_IN_FLIGHT);
        assertThat(window.release(2)).isEqualTo(InflightWindow.NOT_IN_FLIGHT);
    }

    @Test
    void aSlotReusedAfterItsPubAckSendsANewIdSoALatePubAckIsStale() {
        InflightWindow window = new InflightWindow(1);
        int first = window.acquire(10);
        window.release(first);
        int second = window.acquire(20);
        assertThat(second).isNotEqualTo(first);
        assertThat(window.release(first)).as("the first use's PUBACK, arriving late").isEqualTo(InflightWindow.NOT_IN_FLIGHT);
        assertThat(window.release(second)).isEqualTo(20);
    }

    @Test
    void idsInFlightAreAlwaysDistinctOverManyCyclesWithAPublishStuckInFlight() {
        InflightWindow window = new InflightWindow(100);
        int stuck = window.acquire(1);
        List<Integer> open = new ArrayList<>();
        for (int round = 0; round < 5_000; round++) {
            while (!window.isFull()) {
                open.add(window.acquire(round + 2L));
            }
            Set<Integer> distinct = new HashSet<>(open);
            distinct.add(stuck);
            assertThat(distinct).hasSize(100);
            for (int id : open) {
                assertThat(window.release(id)).isEqualTo(round + 2L);
            }
            open.clear();
        }
        assertThat(window.release(stuck)).isEqualTo(1);
    }

    @Test
    void theWholeIdRangeIsUsableForTheLargestWindow() {
        InflightWindow window = new InflightWindow(65_535);
        Set<Integer> ids = new HashSet<>();
        while (!window.isFull()) {
            ids.add(window.acquire(7));
        }
        assertThat(ids).hasSize(65_535).allMatch(id -> id >= 1 && id <= 65_535);
    }
}
