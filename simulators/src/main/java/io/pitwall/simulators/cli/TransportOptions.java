package io.pitwall.simulators.cli;

import io.pitwall.contracts.PayloadFormat;
import io.pitwall.simulators.mqtt.DeviceTransport;
import io.pitwall.simulators.mqtt.MqttProtocol;
import io.pitwall.simulators.mqtt.TlsSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/** How devices talk to the broker, shared by {@code simulate}, {@code replay} and {@code load}. */
final class TransportOptions {

    @Option(names = "--mqtt-version", defaultValue = "3.1.1", paramLabel = "3|5",
            description = "MQTT protocol: 3 (3.1.1) or 5 (5.0) (default ${DEFAULT-VALUE}).")
    String mqttVersion;
    @Option(names = "--payload", defaultValue = "json", paramLabel = "json|cbor",
            description = "Telemetry encoding. cbor is signalled as the contract says: content type application/cbor in MQTT 5,"
                    + " topic v1/vehicles/{vin}/telemetry/cbor in 3.1.1. Events and status stay JSON (default ${DEFAULT-VALUE}).")
    String payload;
    @Option(names = "--tls", description = "Connect over TLS 1.3/1.2, verifying the gateway's certificate and host name."
            + " Any --tls-* file option turns it on too.")
    boolean tls;
    @Option(names = "--tls-ca-file", paramLabel = "PEM",
            description = "CA certificate(s) that signed the gateway's certificate, PEM (default: the JDK's CAs).")
    Path caFile;
    @Option(names = "--tls-trust-store", paramLabel = "P12", description = "PKCS#12 trust store, instead of --tls-ca-file.")
    Path trustStore;
    @Option(names = "--tls-trust-store-password", defaultValue = "${env:PITWALL_SIM_TLS_TRUST_STORE_PASSWORD}",
            description = "Its password (default: $PITWALL_SIM_TLS_TRUST_STORE_PASSWORD).")
    String trustStorePassword;
    @Option(names = "--tls-key-store", paramLabel = "P12",
            description = "Device key and certificate (CN = VIN) for mutual TLS, PKCS#12. {vin} in the path is replaced by each"
                    + " vehicle's VIN; without it the store holds one key entry per VIN.")
    String keyStore;
    @Option(names = "--tls-key-store-password", defaultValue = "${env:PITWALL_SIM_TLS_KEY_STORE_PASSWORD}",
            description = "Its password (default: $PITWALL_SIM_TLS_KEY_STORE_PASSWORD).")
    String keyStorePassword;

    DeviceTransport transport() {
        DeviceTransport transport = new DeviceTransport(MqttProtocol.parse(mqttVersion), payloadFormat(payload), null);
        boolean tlsFiles = caFile != null || trustStore != null || keyStore != null;
        return tls || tlsFiles
                ? transport.withTls(new TlsSettings(caFile, trustStore, trustStorePassword, keyStore, keyStorePassword))
                : transport;
    }

    static PayloadFormat payloadFormat(String text) {
        try {
            return PayloadFormat.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--payload is json or cbor, not '" + text + "'", e);
        }
    }
}
