package io.pitwall.simulators.load;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local addresses a load run connects from. Each gives about 28,000 ephemeral ports toward one
 * broker port, and the kernel shares them between processes, so processes that together hold more
 * connections than one address allows each take their own range: {@code 127.0.0.1-4} for one,
 * {@code 127.0.0.5-8} for the next.
 */
public final class SourceAddresses {

    /** {@code a.b.c.X-Y} or {@code a.b.c.X-a.b.c.Y}: the last octet runs from X to Y. */
    private static final Pattern RANGE = Pattern.compile("(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})\\.(\\d{1,3})-(?:(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})\\.)?(\\d{1,3})");

    private SourceAddresses() {
    }

    /** Expands ranges; single addresses (IPv4, IPv6 or names) pass through in order. */
    public static List<String> parse(List<String> items) {
        List<String> addresses = new ArrayList<>();
        for (String item : items) {
            String text = item.trim();
            Matcher range = RANGE.matcher(text);
            if (!range.matches()) {
                if (!text.isEmpty()) {
                    addresses.add(text);
                }
                continue;
            }
            String prefix = range.group(1);
            int from = Integer.parseInt(range.group(2));
            int to = Integer.parseInt(range.group(4));
            if (range.group(3) != null && !range.group(3).equals(prefix)) {
                throw new IllegalArgumentException("--source range " + text + " must stay within one /24, e.g. 127.0.0.5-8");
            }
            if (from > to || to > 255) {
                throw new IllegalArgumentException("--source range " + text + " must run upwards within 0-255, e.g. 127.0.0.5-8");
            }
            for (int last = from; last <= to; last++) {
                addresses.add(prefix + "." + last);
            }
        }
        return addresses;
    }

    /** {@code --sources N}: 127.0.0.1 to 127.0.0.N. */
    public static List<String> loopback(int count) {
        if (count < 1 || count > 254) {
            throw new IllegalArgumentException("--sources is 1-254, was " + count);
        }
        return parse(List.of("127.0.0.1-" + count));
    }
}
