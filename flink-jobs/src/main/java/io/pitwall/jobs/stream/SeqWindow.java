package io.pitwall.jobs.stream;

/**
 * Which of a vehicle's most recent {@value #SIZE} sequence numbers have been seen: the newest seq
 * and a ring of bits behind it. Bounded at about 530 bytes per vehicle however long it drives,
 * which is what lets the job dedupe millions of cars. A seq further back than the window cannot
 * be judged and is reported as such. A Flink POJO, kept in keyed state.
 */
public class SeqWindow {

    public static final int SIZE = 4096;

    /** The answer for one sequence number. */
    public enum Verdict { NEW, DUPLICATE, BEYOND_WINDOW }

    /** Newest seq seen, unsigned. */
    public long newest;
    public long[] bits;

    public SeqWindow() {
    }

    public static SeqWindow startingAt(long seq) {
        SeqWindow window = new SeqWindow();
        window.newest = seq;
        window.bits = new long[SIZE / 64];
        window.set(seq);
        return window;
    }

    /** Records {@code seq} and says whether it was new. */
    public Verdict record(long seq) {
        int cmp = Long.compareUnsigned(seq, newest);
        if (cmp > 0) {
            advanceTo(seq);
            return Verdict.NEW;
        }
        long behind = newest - seq;
        if (Long.compareUnsigned(behind, SIZE) >= 0) {
            return Verdict.BEYOND_WINDOW;
        }
        if (isSet(seq)) {
            return Verdict.DUPLICATE;
        }
        set(seq);
        return Verdict.NEW;
    }

    private void advanceTo(long seq) {
        long gap = seq - newest;
        if (Long.compareUnsigned(gap, SIZE) >= 0) {
            java.util.Arrays.fill(bits, 0L);
        } else {
            for (long s = newest + 1; s != seq; s++) {
                clear(s);
            }
        }
        newest = seq;
        set(seq);
    }

    private boolean isSet(long seq) {
        int i = (int) (seq & (SIZE - 1));
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void set(long seq) {
        int i = (int) (seq & (SIZE - 1));
        bits[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long seq) {
        int i = (int) (seq & (SIZE - 1));
        bits[i >>> 6] &= ~(1L << (i & 63));
    }
}
