package io.pitwall.simulators.mqtt;

import javax.net.ssl.SSLException;

/**
 * A vehicle could not connect (or reconnect). The message is a sentence a person can act on,
 * the same for MQTT 3.1.1 and 5.0; the client library's exception is the cause.
 */
public final class VehicleConnectException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The failures people actually hit, each with its own advice. */
    public enum Kind { REFUSED, UNREACHABLE, TLS, OTHER }

    private final Kind kind;

    private VehicleConnectException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** A TLS failure anywhere in the cause chain wins: Paho reports it as a plain connect error. */
    static VehicleConnectException of(Kind reported, String brokerUri, String vin, boolean certificate, Throwable cause) {
        Kind kind = tlsFailure(cause) != null ? Kind.TLS : reported;
        String message = switch (kind) {
            case REFUSED -> "The gateway at " + brokerUri + " refused the credentials of " + vin
                    + ": is the vehicle registered with this fleet's seed" + (certificate ? " and is its certificate's CN the VIN?" : "?");
            case UNREACHABLE -> "Cannot reach an MQTT broker at " + brokerUri + ": is the gateway running on that address and port?";
            case TLS -> "The TLS handshake with " + brokerUri + " failed for " + vin + ": " + tlsFailure(cause).getMessage()
                    + " (does --tls-ca-file/--tls-trust-store hold the CA of the gateway's certificate, and is this its TLS port?)";
            case OTHER -> "Connecting " + vin + " to " + brokerUri + " failed: " + cause.getMessage();
        };
        return new VehicleConnectException(kind, message, cause);
    }

    private static SSLException tlsFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }
}
