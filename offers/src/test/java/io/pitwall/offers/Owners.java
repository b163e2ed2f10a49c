package io.pitwall.offers;

import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Test owners: a builder over the contract record, so each test states only what matters to it. */
public final class Owners {

    private String ownerId = "OWN-000001";
    private double value = 12_000;
    private int visits = 2;
    private Long lastVisitAt;
    private Long lastInteractionAt;
    private final Map<Channel, Boolean> consent = new EnumMap<>(Channel.class);
    private String timeZone = "Asia/Shanghai";
    private String locale = "zh-CN";
    private String workshopName = "Shanghai 4S Store";
    private String advisor;

    private Owners() {
    }

    /** A MID owner, active (visited a month before {@code now}), consenting on WeCom. */
    public static Owners owner(Instant now) {
        Owners o = new Owners();
        o.lastVisitAt = now.minusSeconds(30L * 86400).toEpochMilli();
        o.consent.put(Channel.WECOM, true);
        return o;
    }

    public Owners id(String id) { this.ownerId = id; return this; }
    public Owners value(double v) { this.value = v; return this; }
    public Owners visits(int v) { this.visits = v; return this; }
    public Owners lastVisit(Instant at) { this.lastVisitAt = at == null ? null : at.toEpochMilli(); return this; }
    public Owners lastInteraction(Instant at) { this.lastInteractionAt = at == null ? null : at.toEpochMilli(); return this; }
    public Owners consent(Channel channel, boolean given) { consent.put(channel, given); return this; }
    public Owners noConsent() { consent.clear(); return this; }
    public Owners zone(String zone) { this.timeZone = zone; return this; }
    public Owners locale(String l) { this.locale = l; return this; }
    public Owners workshop(String name) { this.workshopName = name; return this; }
    public Owners advisor(String name) { this.advisor = name; return this; }
    public Owners high() { this.value = 45_000; this.visits = 5; return this; }
    public Owners potential() { this.value = 3_000; this.visits = 0; return this; }

    public OwnerProfile build() {
        return new OwnerProfile(OwnerProfile.SCHEMA_VERSION, ownerId, List.of("LSVAU2180N2000001"), value, visits, lastVisitAt,
                lastInteractionAt, Map.copyOf(consent), timeZone, locale, "WS-SHA-1", workshopName, advisor, 0L);
    }
}
