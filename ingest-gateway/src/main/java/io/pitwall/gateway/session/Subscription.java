package io.pitwall.gateway.session;

/**
 * One topic filter of a session with its MQTT 5 options.
 *
 * @param subscriptionId MQTT 5 subscription identifier, 0 for none
 */
public record Subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished, int subscriptionId) {

    public static Subscription of(String filter, int qos) {
        return new Subscription(filter, qos, false, false, 0);
    }
}
