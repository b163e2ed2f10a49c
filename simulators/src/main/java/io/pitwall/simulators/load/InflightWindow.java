package io.pitwall.simulators.load;

/**
 * The QoS 1 publishes of one connection that await their PUBACK: a packet id and a send time per
 * slot, sized to the connection's in-flight window rather than to the 65,535 possible packet ids,
 * so a connection costs a few bytes per allowed in-flight message (about 1.4 KiB for 100) instead
 * of 512 KiB. Not thread-safe: a connection's event loop is its only user.
 *
 * <p>Slot {@code s} in its {@code g}-th use sends packet id {@code 1 + s + capacity * g}. The id
 * thus says which slot a PUBACK answers, and successive uses of a slot get different ids (cycling
 * through all ids the window can reach), so a late or duplicate PUBACK for an earlier use is
 * recognised as stale instead of being timed against the wrong publish.
 */
final class InflightWindow {

    /** What {@link #release(int)} returns for a packet id that is not in flight. */
    static final long NOT_IN_FLIGHT = Long.MIN_VALUE;

    private static final int MAX_PACKET_ID = 65_535;

    private final int capacity;
    private final int generations;
    private final long[] sentAt;
    private final char[] generation;
    private final int[] free;
    private int freeCount;

    InflightWindow(int capacity) {
        if (capacity < 1 || capacity > MAX_PACKET_ID) {
            throw new IllegalArgumentException("an in-flight window holds 1-65535 publishes, not " + capacity);
        }
        this.capacity = capacity;
        this.generations = MAX_PACKET_ID / capacity;
        this.sentAt = new long[capacity];
        this.generation = new char[capacity];
        this.free = new int[capacity];
        for (int slot = 0; slot < capacity; slot++) {
            sentAt[slot] = NOT_IN_FLIGHT;
            free[slot] = capacity - 1 - slot;
        }
        this.freeCount = capacity;
    }

    int capacity() {
        return capacity;
    }

    /** Publishes awaiting their PUBACK. */
    int size() {
        return capacity - freeCount;
    }

    boolean isFull() {
        return freeCount == 0;
    }

    /**
     * Takes a free slot for a publish sent at {@code nanos}.
     *
     * @return the packet id (1-65535) to send it with
     * @throws IllegalStateException if the window is full
     */
    int acquire(long nanos) {
        if (freeCount == 0) {
            throw new IllegalStateException("the in-flight window of " + capacity + " is full");
        }
        int slot = free[--freeCount];
        sentAt[slot] = nanos == NOT_IN_FLIGHT ? nanos + 1 : nanos;
        return 1 + slot + capacity * generation[slot];
    }

    /**
     * Frees the slot a PUBACK answers.
     *
     * @return the send time given to {@link #acquire(long)}, or {@link #NOT_IN_FLIGHT} for an id
     *     that is not in flight (unknown, stale or already answered)
     */
    long release(int packetId) {
        int index = packetId - 1;
        if (index < 0 || index >= capacity * generations) {
            return NOT_IN_FLIGHT;
        }
        int slot = index % capacity;
        if (index / capacity != generation[slot] || sentAt[slot] == NOT_IN_FLIGHT) {
            return NOT_IN_FLIGHT;
        }
        long sent = sentAt[slot];
        sentAt[slot] = NOT_IN_FLIGHT;
        generation[slot] = (char) ((generation[slot] + 1) % generations);
        free[freeCount++] = slot;
        return sent;
    }
}
