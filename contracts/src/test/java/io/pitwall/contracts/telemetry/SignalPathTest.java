package io.pitwall.contracts.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignalPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"Vehicle.Speed", "Vehicle.Chassis.Axle.Row1.Wheel.Left.Brake.PadWear", "A", "x_1.Y_2", "Vehicle.OBD.O2WR.Sensor1"})
    void acceptsVssShapedPaths(String path) {
        assertThat(SignalPath.isValid(path, 128)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "Vehicle.", ".Vehicle", "Vehicle..Speed", "Vehicle Speed", "Vehicle-Speed", "Vehicle/Speed", "Vehicle.Speed\n", "车速"})
    void refusesAnythingElse(String path) {
        assertThat(SignalPath.isValid(path, 128)).isFalse();
    }

    @Test
    void refusesPathsOverTheLengthLimit() {
        assertThat(SignalPath.isValid("A".repeat(128), 128)).isTrue();
        assertThat(SignalPath.isValid("A".repeat(129), 128)).isFalse();
    }
}
