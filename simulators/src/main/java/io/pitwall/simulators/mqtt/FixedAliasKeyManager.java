package io.pitwall.simulators.mqtt;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Presents one chosen key entry as the client certificate. The JDK's key manager would pick any
 * entry the server's CA list allows, and in a store holding a certificate per VIN that is usually
 * another car's, which the gateway refuses (certificate CN must equal the client id's VIN).
 */
final class FixedAliasKeyManager extends X509ExtendedKeyManager {

    private final X509KeyManager delegate;
    private final String alias;

    FixedAliasKeyManager(X509KeyManager delegate, String alias) {
        this.delegate = delegate;
        this.alias = alias;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes, issuers);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes, issuers);
    }

    /** The entry only if it fits what the server asks for; otherwise no certificate, and the secret decides. */
    private String choose(String[] keyTypes, Principal[] issuers) {
        for (String type : keyTypes) {
            String[] fitting = delegate.getClientAliases(type, issuers);
            if (fitting != null && Arrays.asList(fitting).contains(alias)) {
                return alias;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String chosen) {
        return delegate.getCertificateChain(chosen);
    }

    @Override
    public PrivateKey getPrivateKey(String chosen) {
        return delegate.getPrivateKey(chosen);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
