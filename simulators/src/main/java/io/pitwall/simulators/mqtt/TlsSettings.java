package io.pitwall.simulators.mqtt;

import java.nio.file.Path;

/**
 * Client-side TLS as a device fleet is configured: whom to trust, and optionally the device
 * certificate for mutual TLS (the gateway accepts a certificate whose subject CN is the VIN
 * instead of the device secret).
 *
 * @param caFile             PEM (or DER) file with the CA certificate(s) that signed the gateway's
 *                           certificate; null together with {@code trustStore} trusts the JDK's CAs
 * @param trustStore         a PKCS#12 (or JKS) trust store, the alternative to {@code caFile}
 * @param trustStorePassword its password, may be null
 * @param keyStore           PKCS#12 (or JKS) file with the device key and certificate chain; a
 *                           {@code {vin}} in the path is replaced by each vehicle's VIN (one file per
 *                           car), otherwise the store may hold one key entry per VIN; null = no
 *                           client certificate
 * @param keyStorePassword   its password (also the key entries' password)
 */
public record TlsSettings(Path caFile, Path trustStore, String trustStorePassword, String keyStore, String keyStorePassword) {

    public TlsSettings {
        if (caFile != null && trustStore != null) {
            throw new IllegalArgumentException("give either --tls-ca-file or --tls-trust-store, not both");
        }
    }

    /** TLS trusting the JDK's CAs, no client certificate. */
    public static TlsSettings jdkDefaults() {
        return new TlsSettings(null, null, null, null, null);
    }

    public boolean mutual() {
        return keyStore != null;
    }

    /** The device key store of one vehicle. */
    public Path keyStoreFor(String vin) {
        return keyStore == null ? null : Path.of(keyStore.replace("{vin}", vin));
    }
}
