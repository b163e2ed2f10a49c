package io.pitwall.contracts.owners;

import java.util.List;
import java.util.Map;

/**
 * An owner as the CRM knows them, on the compacted {@code owner.profiles} topic keyed by owner id.
 * Contact details (name, phone, WeCom id) are deliberately absent: they live in the channel
 * integration, because personal data never enters analytics.
 *
 * @param lifetimeValueCny  what the owner has spent on service, in CNY
 * @param lastVisitAt       last workshop visit, epoch milliseconds, null if none
 * @param lastInteractionAt last interaction of any kind, epoch milliseconds, null if none
 * @param marketingConsent  per channel, whether the owner agreed to marketing there; a channel that is absent means no
 * @param timeZone          IANA zone for quiet hours, e.g. {@code Asia/Shanghai}, null if unknown
 * @param locale            BCP 47 tag for the offer text, e.g. {@code zh-CN}, null if unknown
 * @param serviceAdvisor    the dedicated advisor named in offers to HIGH-tier owners, null if none
 * @param updatedAt         when the CRM last changed this profile, epoch milliseconds
 */
public record OwnerProfile(
        int schemaVersion,
        String ownerId,
        List<String> vins,
        double lifetimeValueCny,
        int visitsLast12Months,
        Long lastVisitAt,
        Long lastInteractionAt,
        Map<Channel, Boolean> marketingConsent,
        String timeZone,
        String locale,
        String preferredWorkshopId,
        String preferredWorkshopName,
        String serviceAdvisor,
        long updatedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** Consent must have been given explicitly (PIPL); absence or an unknown state counts as no. */
    public boolean hasMarketingConsent(Channel channel) {
        return marketingConsent != null && Boolean.TRUE.equals(marketingConsent.get(channel));
    }
}
