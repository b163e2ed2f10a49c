package io.pitwall.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pitwall.contracts.ContractViolation;
import io.pitwall.contracts.RejectReason;
import io.pitwall.contracts.internal.FieldPath;
import io.pitwall.contracts.internal.Fields;
import io.pitwall.contracts.internal.FreeFormJson;
import io.pitwall.contracts.internal.Numbers;
import java.util.List;

/** Checks the {@code detail} of a SERVICE_DONE event: the serviced items and, optionally, the odometer reading. */
final class ServiceDoneDetail {

    private static final List<String> FIELDS = List.of("items", "odometerKm");
    private static final FieldPath AT = FieldPath.ROOT.field("detail");

    private ServiceDoneDetail() {
    }

    static JsonNode read(ObjectNode event) {
        JsonNode node = Fields.require(event, "detail", FieldPath.ROOT, "a SERVICE_DONE event says what was serviced in detail.items");
        ObjectNode detail = Fields.object(node, AT, "detail must be an object with items and optionally odometerKm");
        Fields.allowOnly(detail, FIELDS, AT, "a SERVICE_DONE detail");
        checkItems(Fields.require(detail, "items", AT, "a SERVICE_DONE event names at least one serviced item"));
        JsonNode odometer = detail.get("odometerKm");
        if (odometer != null) {
            double km = Numbers.finiteDouble(odometer, AT.field("odometerKm"), "odometerKm must be a number of kilometres");
            if (km < 0) {
                throw new ContractViolation(RejectReason.NUMBER_OUT_OF_RANGE,
                        AT.field("odometerKm") + " is " + odometer.asText() + "; an odometer reading cannot be negative");
            }
        }
        return FreeFormJson.copy(detail, AT);
    }

    private static void checkItems(JsonNode node) {
        FieldPath at = AT.field("items");
        ArrayNode items = Fields.array(node, at, "items must be an array of strings such as \"BRAKE_PADS_FRONT\"");
        if (items.isEmpty()) {
            throw new ContractViolation(RejectReason.INVALID_EVENT_DETAIL, at + " is empty; a SERVICE_DONE event names at least one serviced item");
        }
        for (int i = 0; i < items.size(); i++) {
            String item = Fields.text(items.get(i), at.index(i), "each item must be a string such as \"BRAKE_PADS_FRONT\"");
            if (item.isEmpty()) {
                throw new ContractViolation(RejectReason.INVALID_EVENT_DETAIL, at.index(i) + " is empty; each item names what was serviced");
            }
        }
    }
}
