package io.pitwall.simulators.mqtt;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The TLS material of a fleet, loaded once: the trusted CAs and, for mutual TLS, the device key
 * stores. Hands out an {@link SSLContext} per vehicle (whose client certificate is the one with the
 * vehicle's VIN as CN) or one shared context when devices present no certificate. Only TLS 1.3 and
 * 1.2 are offered, and the gateway's host name is verified, as a real head unit would.
 */
public final class ClientTls {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final TlsSettings settings;
    private final TrustManager[] trust;
    /** The key store shared by the whole fleet, when its path names no {@code {vin}}. */
    private final KeyStore sharedKeys;
    private final SSLContext withoutCertificate;

    private ClientTls(TlsSettings settings, TrustManager[] trust, KeyStore sharedKeys, SSLContext withoutCertificate) {
        this.settings = settings;
        this.trust = trust;
        this.sharedKeys = sharedKeys;
        this.withoutCertificate = withoutCertificate;
    }

    /** Reads the trust material (and a fleet-wide key store); a bad file is a configuration error with a sentence. */
    public static ClientTls load(TlsSettings settings) {
        TrustManager[] trust = trustManagers(settings);
        KeyStore shared = settings.mutual() && !settings.keyStore().contains("{vin}")
                ? readStore(Path.of(settings.keyStore()), settings.keyStorePassword(), "--tls-key-store") : null;
        return new ClientTls(settings, trust, shared, settings.mutual() ? null : context(null, trust));
    }

    public TlsSettings settings() {
        return settings;
    }

    /** The context vehicle {@code vin} connects with: its own certificate under mutual TLS, else the shared one. */
    public SSLContext context(String vin) {
        if (!settings.mutual()) {
            return withoutCertificate;
        }
        KeyStore keys = sharedKeys != null ? sharedKeys
                : readStore(settings.keyStoreFor(vin), settings.keyStorePassword(), "--tls-key-store");
        String where = sharedKeys != null ? settings.keyStore() : settings.keyStoreFor(vin).toString();
        String alias = aliasFor(keys, vin, where);
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password(settings.keyStorePassword()));
            X509KeyManager delegate = (X509KeyManager) kmf.getKeyManagers()[0];
            return context(new KeyManager[] {new FixedAliasKeyManager(delegate, alias)}, trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot use the key of " + vin + " in " + where + ": " + e.getMessage()
                    + " (is --tls-key-store-password right?)", e);
        }
    }

    /** A client engine for a Netty pipeline, with host name verification against {@code host}. */
    public SSLEngine newEngine(String vin, String host, int port) {
        SSLEngine engine = context(vin).createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }

    /**
     * The key entry for {@code vin}: the one whose certificate's CN (or alias) is the VIN, or the
     * only one in the store. A store with several entries and none for the VIN is a mistake worth
     * a sentence rather than a handshake the gateway refuses.
     */
    static String aliasFor(KeyStore keys, String vin, String where) {
        try {
            List<String> entries = new ArrayList<>();
            for (String alias : Collections.list(keys.aliases())) {
                if (!keys.isKeyEntry(alias)) {
                    continue;
                }
                entries.add(alias);
                if (alias.equalsIgnoreCase(vin) || vin.equals(commonName(keys.getCertificate(alias)))) {
                    return alias;
                }
            }
            if (entries.size() == 1) {
                return entries.get(0);
            }
            throw new IllegalArgumentException("The key store " + where + " has " + (entries.isEmpty() ? "no key entry"
                    : entries.size() + " key entries but none with CN=" + vin) + "; mutual TLS needs a device certificate whose CN is the VIN");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the key store " + where + ": " + e.getMessage(), e);
        }
    }

    static String commonName(Certificate certificate) {
        if (!(certificate instanceof X509Certificate x509)) {
            return null;
        }
        try {
            for (Rdn rdn : new LdapName(x509.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    private static TrustManager[] trustManagers(TlsSettings settings) {
        try {
            KeyStore anchors;
            if (settings.caFile() != null) {
                anchors = KeyStore.getInstance(KeyStore.getDefaultType());
                anchors.load(null, null);
                int n = 0;
                try (InputStream in = Files.newInputStream(settings.caFile())) {
                    for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        anchors.setCertificateEntry("ca-" + n++, ca);
                    }
                }
                if (n == 0) {
                    throw new IllegalArgumentException("--tls-ca-file " + settings.caFile() + " holds no certificate");
                }
            } else if (settings.trustStore() != null) {
                anchors = readStore(settings.trustStore(), settings.trustStorePassword(), "--tls-trust-store");
            } else {
                anchors = null; // the JDK's cacerts
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            return tmf.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the CA certificates from "
                    + (settings.caFile() != null ? settings.caFile() : settings.trustStore()) + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
    }

    private static KeyStore readStore(Path file, String password, String option) {
        if (file == null || !Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + " is not a readable file");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password(password));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot open " + option + " " + file + ": " + e.getMessage()
                    + " (a PKCS#12 or JKS file; is its password right?)", e);
        }
    }

    private static char[] password(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }
}
