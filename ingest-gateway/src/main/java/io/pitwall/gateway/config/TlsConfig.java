package io.pitwall.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS listener (TLS 1.3 and 1.2 only). Keys and certificates come from PKCS#12 files, which
 * the JDK's keytool and openssl both write.
 *
 * @param port               TLS port; 0 picks a free port (the CLI's default is 8883)
 * @param keyStore           PKCS#12 file with the server's private key and certificate chain
 * @param keyStorePassword   its password
 * @param trustStore         PKCS#12 file with the CA certificates that sign device certificates; null
 *                           turns mutual TLS off (devices then authenticate with their secret only)
 * @param trustStorePassword its password
 */
public record TlsConfig(int port, Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (port < 0 || port > 65535) {
            problems.add("TLS port " + port + " is outside 0-65535");
        }
        if (keyStore == null || !Files.isReadable(keyStore)) {
            problems.add("TLS key store " + keyStore + " is not a readable file (--tls-key-store)");
        }
        if (trustStore != null && !Files.isReadable(trustStore)) {
            problems.add("TLS trust store " + trustStore + " is not a readable file (--tls-trust-store)");
        }
        return problems;
    }
}
