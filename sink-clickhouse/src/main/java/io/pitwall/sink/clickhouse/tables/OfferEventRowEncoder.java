package io.pitwall.sink.clickhouse.tables;

import io.pitwall.contracts.offers.OfferEvent;
import io.pitwall.sink.clickhouse.sink.RowEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@link OfferEvent}s as RowBinary rows of the {@code offer_events} table (V006). Channel
 * attributes are kept as two parallel arrays (no {@code Map} type on ClickHouse 18.16), sorted by
 * name so a resent event encodes to the same bytes, and without any attribute that
 * {@link PersonalData} recognises as contact data.
 */
public final class OfferEventRowEncoder implements RowEncoder<OfferEvent> {

    private static final long serialVersionUID = 1L;
    private static final List<String> COLUMNS = List.of("event_id", "offer_id", "owner_id", "type", "at", "at_ms",
            "channel", "attribute_names", "attribute_values");

    @Override
    public int encode(OfferEvent e, OutputStream out) throws IOException {
        RowBinary.string(out, e.eventId());
        RowBinary.string(out, e.offerId());
        RowBinary.string(out, e.ownerId());
        RowBinary.name(out, e.type());
        RowBinary.timeAndMillis(out, e.at());
        RowBinary.name(out, e.channel());
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (e.attributes() != null) {
            for (Map.Entry<String, String> a : new TreeMap<>(e.attributes()).entrySet()) {
                if (!PersonalData.isContactAttribute(a.getKey())) {
                    names.add(a.getKey());
                    values.add(a.getValue());
                }
            }
        }
        RowBinary.stringArray(out, names);
        RowBinary.stringArray(out, values);
        return 1;
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }
}
