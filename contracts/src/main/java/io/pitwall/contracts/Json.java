package io.pitwall.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The one Jackson configuration for Pitwall's own records (Kafka values, notices, simulator
 * output): nulls are left out, and fields a reader does not know are ignored so that adding a
 * field to a record never breaks a consumer built against the older one. Vehicle input is not read
 * here; it goes through the strict decoders.
 */
public final class Json {

    private static final ObjectMapper JSON = configure(JsonMapper.builder());
    private static final ObjectMapper CBOR = configure(CBORMapper.builder());

    private Json() {
    }

    /** The shared mapper. It is thread-safe as long as nobody reconfigures it; use {@code mapper().copy()} to customise. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    public static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    public static String writeString(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** The same structure as {@link #write(Object)}, CBOR-encoded, as low-bandwidth devices send it. */
    public static byte[] writeCbor(Object value) {
        try {
            return CBOR.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getName() + " as CBOR", e);
        }
    }

    /**
     * @throws ContractViolation the violation a field's own check raised (for example
     *     {@link RejectReason#INVALID_SEQ}), otherwise {@link RejectReason#MALFORMED_PAYLOAD}
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw violationIn(e).orElseGet(() -> new ContractViolation(RejectReason.MALFORMED_PAYLOAD,
                    "payload is not a valid " + type.getSimpleName() + ": " + originalMessage(e), e));
        }
    }

    private static Optional<ContractViolation> violationIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContractViolation violation) {
                return Optional.of(violation);
            }
        }
        return Optional.empty();
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : String.valueOf(e.getMessage());
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
        return builder
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
