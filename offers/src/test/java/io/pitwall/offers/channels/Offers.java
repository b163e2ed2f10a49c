package io.pitwall.offers.channels;

import io.pitwall.contracts.offers.Decision;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.Lifecycle;
import io.pitwall.contracts.owners.Tier;

/** A rendered, sent offer as the channels receive it. */
final class Offers {

    private Offers() {
    }

    static ServiceOffer offer(String locale, String title, String body) {
        return new ServiceOffer(ServiceOffer.SCHEMA_VERSION, "3f1c7e0a-offer", "OWN-000001", "LSVAU2180N2000001", "BRAKE_SERVICE",
                Decision.SENT, null, Channel.WEBHOOK, Tier.MID, Lifecycle.ACTIVE, "brake-wording-2026q4", "A", "BRAKE_SERVICE/*/zh-CN/A",
                locale, title, body, "https://book.pitwall.example/b?offer=3f1c7e0a-offer", ServiceOffer.TRIGGER_HEALTH,
                "LSVAU2180N2000001/HEALTH/1", 1L, 1_764_000_000_000L, null);
    }

    static ServiceOffer offer() {
        return offer("zh-CN", "刹车片即将到达更换线", "根据车辆数据，您的刹车片预计约812公里后需要更换。");
    }
}
