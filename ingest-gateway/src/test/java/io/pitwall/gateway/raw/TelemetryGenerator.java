package io.pitwall.gateway.raw;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Telemetry JSON in many shapes for differential tests. A "plain" message is valid and inside the
 * fast path's subset by construction; the others mix in everything the contract and JSON allow or
 * refuse: escapes, exponents, odd numbers, duplicate and unknown keys, out-of-range seq and ts...
 */
final class TelemetryGenerator {

    private static final String[] WS = {"", "", "", " ", "\n", "\t", "\r\n", "  "};
    private static final String[] ODD_VALUES = {"1e3", "1E-2", "-0", "-0.0", "0.000", "1.0e0", "NaN", "Infinity", "-Infinity",
        "1e400", "-1e400", "1e-400", "\"5\"", "null", "true", "{}", "[]", "01", "1.", ".5", "+1", "-", "0.0001",
        "12345678", "9999999.99999999", "0.001", "0.0009999", "1234567.8901234567", "123456789012345678901234567890",
        "0.1000000000000000000000000000001", "1.00000000000000000000000000000000000000000000000000000000000000000000"};
    private static final String[] ODD_PATHS = {"", ".A", "A.", "A..B", "A/B", "\\u0041", "caf\u00e9", "A B", "a".repeat(129),
        "a".repeat(128), "Vehicle.Speed", "_", "9"};

    private final Random random;
    private final String vin;
    private final long now;
    /** Chance of each odd choice in the current message: 0 for a plain one. */
    private double oddRate;

    TelemetryGenerator(Random random, String vin, long now) {
        this.random = random;
        this.vin = vin;
        this.now = now;
    }

    /** A message; one that is not plain has a few odd parts (or many), each chosen at random. */
    String message(boolean plain) {
        oddRate = plain ? 0 : new double[] {0.005, 0.02, 0.1, 0.4}[random.nextInt(4)];
        List<String> fields = new ArrayList<>();
        fields.add(field("vin", odd() ? oddVin() : quote(vin)));
        if (random.nextBoolean()) {
            List<String> samples = new ArrayList<>();
            int n = odd() ? random.nextInt(3) : 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                samples.add(object(sampleFields()));
            }
            fields.add(field("samples", ws() + "[" + String.join("," + ws(), samples) + "]"));
            if (odd()) {
                fields.add(field("seq", "1"));
            }
        } else {
            fields.addAll(sampleFields());
        }
        if (odd()) {
            fields.add(field(chance(2) ? "extra" : "vin", "1"));
        }
        if (odd() && fields.size() > 1) {
            fields.remove(random.nextInt(fields.size()));
        }
        return ws() + object(fields) + ws();
    }

    private List<String> sampleFields() {
        List<String> fields = new ArrayList<>();
        fields.add(field("seq", odd() ? oddSeq() : Long.toUnsignedString(seq())));
        fields.add(field("ts", odd() ? oddTs() : Long.toString(now - random.nextInt(1_000_000))));
        fields.add(field("signals", signals()));
        Collections.shuffle(fields, random);
        return fields;
    }

    private String signals() {
        int n = !odd() ? 1 + random.nextInt(20) : chance(4) ? 511 + random.nextInt(3) : random.nextInt(25);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String path = odd() ? ODD_PATHS[random.nextInt(ODD_PATHS.length)]
                    : "Vehicle.S" + i + (chance(3) ? ".Sub_" + random.nextInt(9) : "");
            entries.add(ws() + quote(path) + ws() + ":" + ws() + (odd() ? oddValue() : plainValue()) + ws());
        }
        if (odd() && !entries.isEmpty()) {
            entries.add(entries.get(0));
        }
        return "{" + String.join(",", entries) + "}";
    }

    /** A literal the fast path takes: at most 15 significant digits, from 0.001 to below 10^7, or a zero. */
    String plainValue() {
        if (chance(10)) {
            return List.of("0", "-0", "0.0", "-0.00", "0.000000").get(random.nextInt(5));
        }
        int digits = 1 + random.nextInt(15);
        long mantissa = 1 + (long) (random.nextDouble() * (Math.pow(10, digits) - 1));
        int maxScale = Math.min(digits + 2, Long.toString(mantissa).length() + 2);
        int minScale = Math.max(0, Long.toString(mantissa).length() - 7);
        int scale = minScale + random.nextInt(Math.max(1, maxScale - minScale + 1));
        BigDecimal value = BigDecimal.valueOf(mantissa, scale);
        if (value.compareTo(new BigDecimal("0.001")) < 0 || value.compareTo(new BigDecimal("10000000")) >= 0) {
            value = new BigDecimal("0.5");
        }
        String text = value.toPlainString();
        if (chance(5) && text.contains(".")) {
            text += "0".repeat(1 + random.nextInt(3));
        }
        return (chance(3) ? "-" : "") + text;
    }

    private String oddValue() {
        return chance(2) ? ODD_VALUES[random.nextInt(ODD_VALUES.length)] : Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
    }

    private long seq() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(1000);
            case 1 -> -1L; // 2^64 - 1
            default -> random.nextLong();
        };
    }

    private String oddSeq() {
        return List.of("-1", "18446744073709551616", "99999999999999999999", "5.0", "5.5", "1e3", "\"5\"", "null", "007",
                "18446744073709551615.0", "0").get(random.nextInt(11));
    }

    private String oddTs() {
        long earliest = SlowPath.LIMITS.minTimestampMillis();
        long latest = SlowPath.LIMITS.latestTimestampAt(now);
        return List.of(Long.toString(earliest), Long.toString(earliest - 1), Long.toString(latest), Long.toString(latest + 1),
                now + ".0", now + ".5", "1.7639424e12", "-1", "\"" + now + "\"", "123456789012345678901", "0" + now)
                .get(random.nextInt(11));
    }

    private String oddVin() {
        return List.of(quote("WVWZZZ1JZXW000001"), quote(vin.toLowerCase()), "\"\\u004C" + vin.substring(1) + "\"", "1", "null",
                quote(vin + "X")).get(random.nextInt(6));
    }

    private String field(String name, String value) {
        return ws() + quote(name) + ws() + ":" + ws() + value + ws();
    }

    private String object(List<String> fields) {
        return "{" + String.join(",", fields) + "}";
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private String ws() {
        return WS[random.nextInt(WS.length)];
    }

    private boolean odd() {
        return oddRate > 0 && random.nextDouble() < oddRate;
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }
}
