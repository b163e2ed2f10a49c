package io.pitwall.sink.clickhouse.tables;

import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.sink.clickhouse.sink.RowEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes every {@link ServiceOffer} decision (sent, held, suppressed, blocked) as a RowBinary row of
 * the {@code offers} table (V005). The rendered title and body and the booking URL are not written:
 * they may carry the owner's name or a personal link, and personal data stays out of analytics.
 */
public final class ServiceOfferRowEncoder implements RowEncoder<ServiceOffer> {

    private static final long serialVersionUID = 1L;
    private static final List<String> COLUMNS = List.of("offer_id", "decision", "owner_id", "vin", "recommendation",
            "decision_reason", "channel", "tier", "lifecycle", "experiment", "variant", "template_id", "locale",
            "trigger_type", "trigger_id", "trigger_time", "trigger_time_ms", "decided_at", "decided_at_ms",
            "send_at_ms");

    @Override
    public int encode(ServiceOffer o, OutputStream out) throws IOException {
        RowBinary.string(out, o.offerId());
        RowBinary.name(out, o.decision());
        RowBinary.string(out, o.ownerId());
        RowBinary.string(out, o.vin());
        RowBinary.string(out, o.recommendation());
        RowBinary.string(out, o.decisionReason());
        RowBinary.name(out, o.channel());
        RowBinary.name(out, o.tier());
        RowBinary.name(out, o.lifecycle());
        RowBinary.string(out, o.experiment());
        RowBinary.string(out, o.variant());
        RowBinary.string(out, o.templateId());
        RowBinary.string(out, o.locale());
        RowBinary.string(out, o.triggerType());
        RowBinary.string(out, o.triggerId());
        RowBinary.timeAndMillis(out, o.triggerTime());
        RowBinary.timeAndMillis(out, o.decidedAt());
        RowBinary.nullableUInt64(out, o.sendAt());
        return 1;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }
}
