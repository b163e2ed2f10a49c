package io.pitwall.simulators.mqtt;

/**
 * Opens vehicle connections to one broker in one {@link DeviceTransport}. TLS material is read
 * once here rather than per car: a fleet of thousands would otherwise parse the same trust store
 * thousands of times.
 */
public final class VehicleConnector {

    /** Keep-alive a device asks for, seconds. */
    static final int KEEP_ALIVE_SECONDS = 30;
    /** How long one CONNECT may take, seconds. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    static final long WAIT_MILLIS = 15_000;
    static final String WILL_PAYLOAD = "{\"online\":false}";

    private final String brokerUri;
    private final DeviceTransport transport;
    private final ClientTls tls;

    private VehicleConnector(String brokerUri, DeviceTransport transport, ClientTls tls) {
        this.brokerUri = brokerUri;
        this.transport = transport;
        this.tls = tls;
    }

    /** @throws IllegalArgumentException if the TLS files cannot be read */
    public static VehicleConnector of(String brokerUri, DeviceTransport transport) {
        ClientTls tls = transport.tls() == null ? null : ClientTls.load(transport.tls());
        return new VehicleConnector(transport.brokerUri(brokerUri), transport, tls);
    }

    public DeviceTransport transport() {
        return transport;
    }

    public String brokerUri() {
        return brokerUri;
    }

    /** Connects and waits for the CONNACK; a refusal or an unreachable broker is a {@link VehicleConnectException}. */
    public VehicleConnection connect(String vin, String secret) throws VehicleConnectException {
        javax.net.ssl.SSLSocketFactory sockets = tls == null ? null : tls.context(vin).getSocketFactory();
        boolean certificate = tls != null && tls.settings().mutual();
        return transport.protocol() == MqttProtocol.V5
                ? PahoV5Connection.connect(brokerUri, vin, secret, sockets, certificate)
                : PahoV3Connection.connect(brokerUri, vin, secret, sockets, certificate);
    }

    static String statusTopic(String vin) {
        return "v1/vehicles/" + vin + "/status";
    }
}
