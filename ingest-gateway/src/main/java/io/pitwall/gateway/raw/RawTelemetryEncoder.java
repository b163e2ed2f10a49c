package io.pitwall.gateway.raw;

import io.pitwall.contracts.ContractLimits;
import io.pitwall.contracts.Json;

import java.nio.charset.StandardCharsets;

/**
 * The fast path for the gateway's most common message, JSON telemetry: validates the payload and
 * writes its {@code telemetry.raw} record in one pass over the bytes, with no parse tree, no
 * {@code RawRecord} and no Jackson serialisation - which were most of the gateway's CPU per
 * message. The record is byte for byte what {@code Json.write(RawRecord.telemetry(...))} writes
 * for the same message (same fields, order and number text; {@code RawTelemetryEncoderTest}
 * compares the two), so readers of {@code telemetry.raw} see no difference.
 *
 * <p>It is a shortcut, never a second opinion: a payload it does not take in full (see
 * {@link TelemetryScan}, {@link SignalValue}) returns null and goes to the contract's decoder,
 * which accepts it or refuses it with the reason. Stateless and thread-safe.
 */
public final class RawTelemetryEncoder {

    private static final byte[] HEAD = ascii("{\"schemaVersion\":1,\"kind\":\"TELEMETRY\",\"vin\":\"");
    private static final byte[] CLIENT_ID = ascii("\",\"clientId\":");
    private static final byte[] GATEWAY_ID = ascii(",\"gatewayId\":");
    private static final byte[] RECEIVED_AT = ascii(",\"receivedAt\":");
    private static final byte[] QOS = ascii(",\"qos\":");
    private static final byte[] SAMPLES = ascii(",\"samples\":[");
    private static final byte[] SEQ = ascii("{\"seq\":");
    private static final byte[] TS = ascii(",\"ts\":");
    private static final byte[] SIGNALS = ascii(",\"signals\":");
    private static final byte[] END = ascii("]}");
    /** Per sample: what surrounds seq, ts and the signals object, the sample's '}' and the comma before the next. */
    private static final int SAMPLE_OVERHEAD = SEQ.length + TS.length + SIGNALS.length + 2;
    /** Per signal: two quotes, the colon and a comma. */
    private static final int SIGNAL_OVERHEAD = 4;

    private final ContractLimits limits;
    private final byte[] gatewayIdJson;
    private final boolean usable;
    /**
     * The last receive time and its digits: at full load a hundred records share a millisecond.
     * Racy on purpose: each event loop may replace it, and a reader sees a whole immutable entry.
     */
    private ReceivedAt lastReceivedAt = new ReceivedAt(0, "0".getBytes(StandardCharsets.US_ASCII));

    private record ReceivedAt(long millis, byte[] digits) {
    }

    public RawTelemetryEncoder(ContractLimits limits, String gatewayId) {
        this.limits = limits;
        // Jackson's own quoting, so the text matches what the record serialiser writes.
        this.gatewayIdJson = Json.write(gatewayId);
        this.usable = limits.maxNestingDepth() >= TelemetryScan.DEPTH;
    }

    /**
     * The raw record of a valid JSON telemetry payload published on {@code topicVin}'s telemetry
     * topic, or null when the fast path does not take it (the caller then decodes it in full).
     *
     * @param topicVin   the VIN of the topic, already validated
     * @param receivedAt the receive time: the record's receivedAt, and what ts is bounded by
     */
    public byte[] encode(String topicVin, String clientId, byte[] payload, long receivedAt, int qos) {
        if (!usable || payload.length == 0 || payload.length > limits.maxPayloadBytes() || receivedAt < 0
                || qos < 0 || qos > 2) {
            return null;
        }
        try {
            TelemetryScan scan = TelemetryScan.of(payload, topicVin, limits, receivedAt);
            return write(scan, topicVin, quoted(clientId), receivedAt, qos);
        } catch (NotSimple notSimple) {
            return null;
        } catch (RuntimeException bug) {
            // A mistake in this shortcut must not cost the device its publish: the decoder decides.
            return null;
        }
    }

    private byte[] write(TelemetryScan scan, String vin, byte[] clientIdJson, long receivedAt, int qos) {
        byte[] receivedAtText = digits(receivedAt);
        int size = HEAD.length + vin.length() + CLIENT_ID.length + clientIdJson.length + GATEWAY_ID.length
                + gatewayIdJson.length + RECEIVED_AT.length + receivedAtText.length + QOS.length + 1
                + SAMPLES.length + samplesLength(scan) + END.length;
        byte[] out = new byte[size];
        int pos = put(HEAD, out, 0);
        pos = putAscii(vin, out, pos);
        pos = put(CLIENT_ID, out, pos);
        pos = put(clientIdJson, out, pos);
        pos = put(GATEWAY_ID, out, pos);
        pos = put(gatewayIdJson, out, pos);
        pos = put(RECEIVED_AT, out, pos);
        pos = put(receivedAtText, out, pos);
        pos = put(QOS, out, pos);
        out[pos++] = (byte) ('0' + qos);
        pos = put(SAMPLES, out, pos);
        pos = writeSamples(scan, out, pos);
        pos = put(END, out, pos);
        if (pos != size) {
            throw new IllegalStateException("raw record size " + pos + " != " + size);
        }
        return out;
    }

    private byte[] digits(long millis) {
        ReceivedAt last = lastReceivedAt;
        if (last.millis() != millis) {
            last = new ReceivedAt(millis, Long.toString(millis).getBytes(StandardCharsets.US_ASCII));
            lastReceivedAt = last;
        }
        return last.digits();
    }

    private static int samplesLength(TelemetryScan scan) {
        int length = -1; // no comma before the first sample
        int[] s = scan.samples;
        for (int i = 0; i < scan.sampleCount; i++) {
            int at = i * TelemetryScan.SAMPLE_INTS;
            length += SAMPLE_OVERHEAD + (s[at + 1] - s[at]) + (s[at + 3] - s[at + 2]);
            if (s[at + 6] >= 0) {
                length += s[at + 7] - s[at + 6];
                continue;
            }
            length += 1; // '{' and '}' less the comma after the last signal
            int first = s[at + 4];
            for (int k = first; k < first + s[at + 5]; k++) {
                int g = k * TelemetryScan.SIGNAL_INTS;
                length += SIGNAL_OVERHEAD + scan.signals[g + 1] - scan.signals[g] + SignalValue.length(scan.signals, g + 3);
            }
        }
        return length;
    }

    private static int writeSamples(TelemetryScan scan, byte[] out, int pos) {
        byte[] in = scan.json.in;
        int[] s = scan.samples;
        for (int i = 0; i < scan.sampleCount; i++) {
            if (i > 0) {
                out[pos++] = ',';
            }
            int at = i * TelemetryScan.SAMPLE_INTS;
            pos = put(SEQ, out, pos);
            pos = copy(in, s[at], s[at + 1], out, pos);
            pos = put(TS, out, pos);
            pos = copy(in, s[at + 2], s[at + 3], out, pos);
            pos = put(SIGNALS, out, pos);
            pos = s[at + 6] >= 0 ? copy(in, s[at + 6], s[at + 7], out, pos) : writeSignals(scan, at, out, pos);
            out[pos++] = '}';
        }
        return pos;
    }

    /** The signals object of one sample, value by value (the payload's text is not the record's). */
    private static int writeSignals(TelemetryScan scan, int sampleAt, byte[] out, int pos) {
        byte[] in = scan.json.in;
        int[] g = scan.signals;
        int first = scan.samples[sampleAt + 4];
        out[pos++] = '{';
        for (int k = first; k < first + scan.samples[sampleAt + 5]; k++) {
            int sig = k * TelemetryScan.SIGNAL_INTS;
            if (k > first) {
                out[pos++] = ',';
            }
            out[pos++] = '"';
            pos = copy(in, g[sig], g[sig + 1], out, pos);
            out[pos++] = '"';
            out[pos++] = ':';
            pos = SignalValue.write(in, g, sig + 3, out, pos);
        }
        out[pos++] = '}';
        return pos;
    }

    /** The client id as a JSON string: plain ASCII as it is, anything else quoted by Jackson. */
    private static byte[] quoted(String clientId) {
        int n = clientId.length();
        for (int i = 0; i < n; i++) {
            char c = clientId.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return Json.write(clientId);
            }
        }
        byte[] out = new byte[n + 2];
        out[0] = '"';
        putAscii(clientId, out, 1);
        out[n + 1] = '"';
        return out;
    }

    private static int put(byte[] bytes, byte[] out, int pos) {
        System.arraycopy(bytes, 0, out, pos, bytes.length);
        return pos + bytes.length;
    }

    /** Text known to be ASCII (a VIN, digits, a checked client id). */
    private static int putAscii(String text, byte[] out, int pos) {
        for (int i = 0; i < text.length(); i++) {
            out[pos++] = (byte) text.charAt(i);
        }
        return pos;
    }

    private static int copy(byte[] in, int from, int to, byte[] out, int pos) {
        System.arraycopy(in, from, out, pos, to - from);
        return pos + to - from;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
