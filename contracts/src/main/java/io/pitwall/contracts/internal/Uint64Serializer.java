package io.pitwall.contracts.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.pitwall.contracts.Uint64;
import java.io.IOException;

/** Writes a {@code long} holding a uint64 as its unsigned value, in JSON and in CBOR alike. */
public final class Uint64Serializer extends StdSerializer<Long> {

    private static final long serialVersionUID = 1L;

    public Uint64Serializer() {
        super(Long.class);
    }

    @Override
    public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (value >= 0) {
            gen.writeNumber(value);
        } else {
            gen.writeNumber(Uint64.toBigInteger(value));
        }
    }
}
