package io.pitwall.jobs.offers;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.offers.channels.DeliveryOutcome;
import io.pitwall.offers.channels.HmacSignature;
import io.pitwall.offers.channels.SignedWebhookChannel;
import io.pitwall.offers.channels.Sleeper;
import io.pitwall.offers.channels.WeComRobotChannel;
import java.net.URI;
import java.net.http.HttpClient;

/** Picks the adapter for an offer's channel (see {@link DeliverySettings}) and delivers it, blocking. Thread-safe. */
final class ChannelRouter {

    private final SignedWebhookChannel webhook;
    private final WeComRobotChannel wecomRobot;

    ChannelRouter(DeliverySettings settings) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        webhook = settings.webhookUrl() == null ? null : new SignedWebhookChannel(client, URI.create(settings.webhookUrl()),
                HmacSignature.ofUtf8(settings.webhookSecret()), settings.requestTimeout(), settings.retry(), Sleeper.REAL);
        wecomRobot = settings.wecomRobotUrl() == null ? null : new WeComRobotChannel(client, URI.create(settings.wecomRobotUrl()),
                settings.wecomFormat(), settings.requestTimeout(), settings.retry(), Sleeper.REAL);
    }

    DeliveryOutcome deliver(ServiceOffer offer) {
        DeliveryOutcome outcome;
        if (offer.channel() == Channel.WECOM && wecomRobot != null) {
            outcome = wecomRobot.deliver(offer);
        } else if (webhook != null && offer.channel() != Channel.HEAD_UNIT) {
            outcome = webhook.deliver(offer);
        } else {
            outcome = new DeliveryOutcome(DeliveryOutcome.Status.REJECTED, offer.channel(), 0, null, "no-endpoint-configured",
                    Json.write(offer));
        }
        // The adapters name the transport; the funnel counts by the channel the policy chose.
        return new DeliveryOutcome(outcome.status(), offer.channel(), outcome.attempts(), outcome.httpStatus(), outcome.detail(),
                outcome.payload());
    }
}
