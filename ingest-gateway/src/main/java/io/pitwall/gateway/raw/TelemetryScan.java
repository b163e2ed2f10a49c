package io.pitwall.gateway.raw;

import io.pitwall.contracts.ContractLimits;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One pass over a JSON telemetry payload that checks every rule of the contract's
 * {@code TelemetryDecoder} - fields, VIN, seq, time window, signal paths and values, limits - and
 * remembers where each part lies, so {@link RawTelemetryEncoder} can write the raw record from
 * the payload's own bytes. Any payload it is not sure about, valid or not, throws
 * {@link NotSimple}: it only ever accepts what the decoder accepts, and never refuses anything
 * (refusing, with the reason, stays the decoder's job). Single use, one thread.
 */
final class TelemetryScan {

    /**
     * Per sample: seq start, seq end, ts start, ts end, first signal, signal count, and the span
     * of the signals object (start of its '{', end after its '}') when the record can copy it as
     * it is - no whitespace, every value written as it is - else -1 and -1.
     */
    static final int SAMPLE_INTS = 8;
    /** Per signal: path start, path end, path hash, then the {@link SignalValue} ints. */
    static final int SIGNAL_INTS = 3 + SignalValue.INTS;

    private static final int VIN = 1;
    private static final int SEQ = 2;
    private static final int TS = 4;
    private static final int SIGNALS = 8;
    private static final int SAMPLES = 16;
    private static final int SAMPLE_FIELDS = SEQ | TS | SIGNALS;
    /** Root object, samples array, sample object, signals object. */
    static final int DEPTH = 4;
    private static final byte[] UINT64_MAX = "18446744073709551615".getBytes(StandardCharsets.US_ASCII);
    private static final byte OTHER = 0;
    private static final byte SEGMENT = 1;
    private static final byte DOT = 2;
    private static final byte QUOTE = 3;
    /** What each ASCII byte is in a signal path; one lookup instead of a chain of range checks. */
    private static final byte[] PATH_BYTE = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            boolean segment = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            PATH_BYTE[c] = segment ? SEGMENT : c == '.' ? DOT : c == '"' ? QUOTE : OTHER;
        }
    }

    /** Up to this many signals, duplicates are looked for with a bit mask; beyond, with a hash table. */
    private static final int MASK_MAX = 32;

    final JsonCursor json;
    private final ContractLimits limits;
    private final long earliestTs;
    private final long latestTs;
    int[] samples = new int[SAMPLE_INTS];
    int sampleCount;
    int[] signals = new int[SIGNAL_INTS * 16];
    int signalCount;

    private TelemetryScan(byte[] payload, ContractLimits limits, long nowMillis) {
        this.json = new JsonCursor(payload);
        this.limits = limits;
        this.earliestTs = limits.minTimestampMillis();
        this.latestTs = limits.latestTimestampAt(nowMillis);
    }

    /**
     * @param topicVin  the VIN of the topic; the message must carry exactly this one
     * @param nowMillis the receive time, which bounds ts as in the decoder's time window
     * @throws NotSimple unless the payload is valid telemetry within the fast path's subset
     */
    static TelemetryScan of(byte[] payload, String topicVin, ContractLimits limits, long nowMillis) {
        TelemetryScan scan = new TelemetryScan(payload, limits, nowMillis);
        scan.message(topicVin);
        return scan;
    }

    private void message(String topicVin) {
        json.expect('{');
        int seen = 0;
        do {
            int field = field(VIN | SAMPLE_FIELDS | SAMPLES);
            if ((seen & field) != 0) {
                throw NotSimple.INSTANCE; // a duplicate key
            }
            seen |= field;
            json.expect(':');
            switch (field) {
                case VIN -> json.expectString(topicVin);
                case SAMPLES -> batch();
                default -> sampleField(field, 0);
            }
        } while (json.consume(','));
        json.expect('}');
        json.expectEnd();
        if (seen == (VIN | SAMPLE_FIELDS)) {
            sampleCount = 1;
        } else if (seen != (VIN | SAMPLES)) {
            throw NotSimple.INSTANCE; // something missing, or sample fields next to samples
        }
    }

    private void batch() {
        json.expect('[');
        do {
            if (sampleCount == limits.maxSamplesPerBatch()) {
                throw NotSimple.INSTANCE;
            }
            int sample = sampleCount++;
            if (samples.length < sampleCount * SAMPLE_INTS) {
                samples = Arrays.copyOf(samples, samples.length * 2);
            }
            json.expect('{');
            int seen = 0;
            do {
                int field = field(SAMPLE_FIELDS);
                if ((seen & field) != 0) {
                    throw NotSimple.INSTANCE;
                }
                seen |= field;
                json.expect(':');
                sampleField(field, sample);
            } while (json.consume(','));
            json.expect('}');
            if (seen != SAMPLE_FIELDS) {
                throw NotSimple.INSTANCE;
            }
        } while (json.consume(','));
        json.expect(']');
    }

    /** Reads a key and returns its field bit, which must be among {@code allowed}. */
    private int field(int allowed) {
        int start = json.plainString();
        int end = json.pos - 1;
        int field = json.equals(start, end, "vin") ? VIN
                : json.equals(start, end, "seq") ? SEQ
                : json.equals(start, end, "ts") ? TS
                : json.equals(start, end, "signals") ? SIGNALS
                : json.equals(start, end, "samples") ? SAMPLES : 0;
        if ((field & allowed) == 0) {
            throw NotSimple.INSTANCE;
        }
        return field;
    }

    private void sampleField(int field, int sample) {
        int at = sample * SAMPLE_INTS;
        json.peek(); // past whitespace, so a number starts at pos
        switch (field) {
            case SEQ -> {
                int start = json.pos;
                int end = wholeNumber(20);
                if (end - start == UINT64_MAX.length
                        && Arrays.compare(json.in, start, end, UINT64_MAX, 0, UINT64_MAX.length) > 0) {
                    throw NotSimple.INSTANCE; // above 2^64 - 1
                }
                samples[at] = start;
                samples[at + 1] = end;
            }
            case TS -> {
                int start = json.pos;
                int end = wholeNumber(18);
                long ts = 0;
                for (int i = start; i < end; i++) {
                    ts = ts * 10 + (json.in[i] - '0'); // at most 18 digits: no overflow
                }
                if (ts < earliestTs || ts > latestTs) {
                    throw NotSimple.INSTANCE;
                }
                samples[at + 2] = start;
                samples[at + 3] = end;
            }
            default -> signals(at);
        }
    }

    /**
     * A non-negative integer literal of at most {@code maxDigits} digits, with no fraction or
     * exponent (the decoder also takes {@code 5.0} as 5; that is left to it). Returns its end.
     */
    private int wholeNumber(int maxDigits) {
        int start = json.pos;
        int p = start;
        while (json.isDigitAt(p)) {
            p++;
        }
        int digits = p - start;
        if (digits == 0 || digits > maxDigits || (json.in[start] == '0' && digits > 1)) {
            throw NotSimple.INSTANCE;
        }
        if (p < json.in.length && (json.in[p] == '.' || json.in[p] == 'e' || json.in[p] == 'E')) {
            throw NotSimple.INSTANCE;
        }
        json.pos = p;
        return p;
    }

    private void signals(int sampleAt) {
        json.expect('{');
        int objectStart = json.pos - 1;
        int first = signalCount;
        boolean asIs = true;
        int canonicalLength = 1; // the '{'
        do {
            if (signalCount - first == limits.maxSignalsPerSample()) {
                throw NotSimple.INSTANCE;
            }
            if (signals.length < (signalCount + 1) * SIGNAL_INTS) {
                signals = Arrays.copyOf(signals, signals.length * 2);
            }
            int at = signalCount * SIGNAL_INTS;
            signalPath(at);
            json.expect(':');
            json.peek();
            int valueStart = json.pos;
            asIs &= SignalValue.read(json, signals, at + 3);
            canonicalLength += signals[at + 1] - signals[at] + 4 + json.pos - valueStart; // "path":value and , or }
            signalCount++;
        } while (json.consume(','));
        json.expect('}');
        rejectDuplicatePaths(first, signalCount);
        samples[sampleAt + 4] = first;
        samples[sampleAt + 5] = signalCount - first;
        // Same length as the tokens alone: no whitespace in between.
        boolean copyable = asIs && json.pos - objectStart == canonicalLength;
        samples[sampleAt + 6] = copyable ? objectStart : -1;
        samples[sampleAt + 7] = copyable ? json.pos : -1;
    }

    /** A VSS path as {@code SignalPath.isValid} defines it: dot-separated segments of [A-Za-z0-9_]. */
    private void signalPath(int at) {
        json.expect('"');
        byte[] in = json.in;
        int start = json.pos;
        int hash = 0;
        boolean segmentStart = true;
        int p = start;
        for (; p < in.length; p++) {
            int b = in[p];
            int kind = b < 0 ? OTHER : PATH_BYTE[b]; // negative: a non-ASCII byte
            if (kind == SEGMENT) {
                segmentStart = false;
            } else if (kind == DOT && !segmentStart) {
                segmentStart = true;
            } else if (kind == QUOTE) {
                break;
            } else {
                throw NotSimple.INSTANCE;
            }
            hash = 31 * hash + b;
        }
        int length = p - start;
        if (p == in.length || segmentStart || length > limits.maxSignalPathLength() || length > limits.maxStringLength()) {
            throw NotSimple.INSTANCE;
        }
        json.pos = p + 1;
        signals[at] = start;
        signals[at + 1] = p;
        signals[at + 2] = hash;
    }

    /**
     * The parser refuses duplicate keys (STRICT_DUPLICATE_DETECTION), so a duplicate path is not
     * simple. Up to {@value #MASK_MAX} signals, a 128-bit mask of path hashes finds the
     * (usually no) candidates and only those are compared; beyond, a hash table.
     */
    private void rejectDuplicatePaths(int from, int to) {
        if (to - from <= MASK_MAX) {
            long low = 0;
            long high = 0;
            for (int i = from; i < to; i++) {
                int hash = signals[i * SIGNAL_INTS + 2];
                long bit = 1L << hash; // the low 6 bits pick the bit
                boolean seen = (hash & 64) == 0 ? (low & bit) != 0 : (high & bit) != 0;
                if (seen) {
                    for (int j = from; j < i; j++) {
                        if (samePath(i, j)) {
                            throw NotSimple.INSTANCE;
                        }
                    }
                }
                if ((hash & 64) == 0) {
                    low |= bit;
                } else {
                    high |= bit;
                }
            }
            return;
        }
        int[] table = new int[Integer.highestOneBit((to - from) * 2) * 2];
        int mask = table.length - 1;
        for (int i = from; i < to; i++) {
            int slot = signals[i * SIGNAL_INTS + 2] & mask;
            while (table[slot] != 0) {
                if (samePath(table[slot] - 1, i)) {
                    throw NotSimple.INSTANCE;
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
    }

    private boolean samePath(int i, int j) {
        int a = i * SIGNAL_INTS;
        int b = j * SIGNAL_INTS;
        return signals[a + 2] == signals[b + 2]
                && Arrays.equals(json.in, signals[a], signals[a + 1], json.in, signals[b], signals[b + 1]);
    }
}
