package io.pitwall.sink.clickhouse.tables;

import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import io.pitwall.sink.clickhouse.sink.RowEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link OwnerProfile}s as RowBinary rows of the {@code owners} table (V007): ids, vehicles,
 * value, visits, consent and preferred workshop. The service advisor's name, time zone and locale
 * are left out; the profile carries no owner contact data to begin with.
 */
public final class OwnerRowEncoder implements RowEncoder<OwnerProfile> {

    private static final long serialVersionUID = 1L;
    private static final List<String> COLUMNS = List.of("owner_id", "vins", "lifetime_value_cny",
            "visits_last_12_months", "last_visit_at_ms", "last_interaction_at_ms", "marketing_consent",
            "preferred_workshop_id", "preferred_workshop_name", "updated_at_ms");

    @Override
    public int encode(OwnerProfile p, OutputStream out) throws IOException {
        RowBinary.string(out, p.ownerId());
        RowBinary.stringArray(out, p.vins() == null ? List.of() : p.vins());
        RowBinary.float64(out, p.lifetimeValueCny());
        RowBinary.uint16(out, Math.max(0, Math.min(65_535, p.visitsLast12Months())));
        RowBinary.nullableUInt64(out, p.lastVisitAt());
        RowBinary.nullableUInt64(out, p.lastInteractionAt());
        List<String> consented = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            if (p.hasMarketingConsent(channel)) {
                consented.add(channel.name());
            }
        }
        RowBinary.stringArray(out, consented);
        RowBinary.string(out, p.preferredWorkshopId());
        RowBinary.string(out, p.preferredWorkshopName());
        RowBinary.uint64(out, p.updatedAt());
        return 1;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }
}
