package io.pitwall.gateway.auth;

import io.pitwall.contracts.ContractViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceRegistryTest {

    private static final String VIN = "LSVAU2180N2183294";
    private final SecretHasher fastHasher = new SecretHasher(1024, 1, 1);

    @Test
    void issuedSecretAuthenticatesAndIsStoredOnlyAsAHash(@TempDir Path dir) throws Exception {
        DeviceRegistry registry = new DeviceRegistry(dir.resolve("devices.json"), fastHasher);
        String secret = registry.issueSecret(VIN);
        assertThat(registry.authenticate(VIN, secret)).isTrue();
        assertThat(registry.authenticate(VIN, secret + "x")).isFalse();
        assertThat(Files.readString(dir.resolve("devices.json"))).doesNotContain(secret).contains("argon2id$");
    }

    @Test
    void rotationAndRevocationReachARunningReaderWithoutRestart(@TempDir Path dir) {
        Path file = dir.resolve("devices.json");
        DeviceRegistry gatewaySide = new DeviceRegistry(file, fastHasher);
        DeviceRegistry cliSide = new DeviceRegistry(file, fastHasher);
        String first = cliSide.issueSecret(VIN);
        assertThat(gatewaySide.authenticate(VIN, first)).isTrue();

        String second = cliSide.issueSecret(VIN);
        assertThat(gatewaySide.authenticate(VIN, first)).isFalse();
        assertThat(gatewaySide.authenticate(VIN, second)).isTrue();

        assertThat(cliSide.revoke(VIN)).isTrue();
        assertThat(gatewaySide.authenticate(VIN, second)).isFalse();
    }

    @Test
    void unknownVehicleIsRefused(@TempDir Path dir) {
        DeviceRegistry registry = new DeviceRegistry(dir.resolve("devices.json"), fastHasher);
        assertThat(registry.authenticate(VIN, "anything")).isFalse();
        assertThat(registry.revoke(VIN)).isFalse();
    }

    @Test
    void aRegistryThatCannotBeReadIsReportedWithItsFileWhenCounted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("devices.json");
        Files.writeString(file, "[{\"vin\": ");
        DeviceRegistry registry = new DeviceRegistry(file, fastHasher);
        assertThatThrownBy(registry::size).hasMessageContaining("Cannot read device registry " + file);
        assertThat(new DeviceRegistry(dir.resolve("absent.json"), fastHasher).size()).isZero();
    }

    @Test
    void refusesToRegisterAnInvalidVin(@TempDir Path dir) {
        DeviceRegistry registry = new DeviceRegistry(dir.resolve("devices.json"), fastHasher);
        assertThatThrownBy(() -> registry.issueSecret("LSVAU2180N218329O")).isInstanceOf(ContractViolation.class);
    }
}
