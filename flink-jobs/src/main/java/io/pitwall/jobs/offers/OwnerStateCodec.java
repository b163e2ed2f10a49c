package io.pitwall.jobs.offers;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads and writes {@link OwnerOfferState} as JSON for Flink state. */
public final class OwnerStateCodec {

    // Lenient on unknown fields, so that state written by a newer version survives a rollback.
    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private OwnerStateCodec() {
    }

    public static byte[] write(OwnerOfferState state) {
        try {
            return MAPPER.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the owner's offer state", e);
        }
    }

    /** @param bytes null for an owner seen for the first time */
    public static OwnerOfferState read(byte[] bytes) {
        if (bytes == null) {
            return new OwnerOfferState();
        }
        try {
            return MAPPER.readValue(bytes, OwnerOfferState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the owner's offer state", e);
        }
    }
}
