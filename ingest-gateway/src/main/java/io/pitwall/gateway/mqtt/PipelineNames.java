package io.pitwall.gateway.mqtt;

/** Names of the handlers in a gateway connection's pipeline, in pipeline order. */
public final class PipelineNames {
    public static final String CONNECTION_LIMITS = "connectionLimits";
    public static final String TLS = "tls";
    public static final String MQTT_DECODER = "mqttDecoder";
    public static final String MQTT_ENCODER = "mqttEncoder";
    public static final String PUBACKS = "pubAcks";
    public static final String IDLE = "idle";
    public static final String CONNECT = "connect";
    public static final String PUBLISH = "publish";
    public static final String SESSION_CONTROL = "sessionControl";
    public static final String EXCEPTIONS = "exceptions";

    private PipelineNames() {
    }
}
