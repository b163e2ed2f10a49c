package io.pitwall.contracts.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.pitwall.contracts.internal.Uint64Serializer;
import java.io.IOException;

/** Writes a {@link TelemetryMessage} in the contract's wire form, single or batch, with no extra fields. */
final class TelemetryWireSerializer extends StdSerializer<TelemetryMessage> {

    private static final long serialVersionUID = 1L;
    private static final Uint64Serializer SEQ = new Uint64Serializer();

    TelemetryWireSerializer() {
        super(TelemetryMessage.class);
    }

    @Override
    public void serialize(TelemetryMessage message, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("vin", message.vin());
        if (message.batch()) {
            gen.writeFieldName("samples");
            provider.defaultSerializeValue(message.samples(), gen);
        } else {
            Sample sample = message.samples().get(0);
            gen.writeFieldName("seq");
            SEQ.serialize(sample.seq(), gen, provider);
            gen.writeNumberField("ts", sample.ts());
            gen.writeFieldName("signals");
            provider.defaultSerializeValue(sample.signals(), gen);
        }
        gen.writeEndObject();
    }
}
