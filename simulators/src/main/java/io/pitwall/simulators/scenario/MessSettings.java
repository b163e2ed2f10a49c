package io.pitwall.simulators.scenario;

/**
 * How untidy the devices' transmissions are, on purpose: what real dongles do and a pipeline
 * must survive. Rates are per hour of ignition-on time unless named as a probability per sample.
 *
 * @param coverageGapsPerHour   dead zones while driving; samples are buffered and sent as a batch afterwards
 * @param undergroundParking    probability that a parking stop is out of coverage (its samples arrive as a batch later)
 * @param outOfOrder            probability per live sample that it swaps places with the next one
 * @param late                  probability per live sample that it is held back and sent 30 s - 10 min later
 * @param duplicate             probability per message that it is sent twice (a resend after a lost PUBACK)
 * @param reconnectsPerHour     connection drops while driving (the device reconnects and says it is online)
 * @param maxBatchSamples       most samples in one batch message (the contract allows up to 1000)
 */
public record MessSettings(double coverageGapsPerHour, double undergroundParking, double outOfOrder, double late,
                           double duplicate, double reconnectsPerHour, int maxBatchSamples) {

    public MessSettings {
        if (maxBatchSamples < 1 || maxBatchSamples > 1000) {
            throw new IllegalArgumentException("maxBatchSamples must be 1-1000 (the contract's limit), was " + maxBatchSamples);
        }
    }

    /** A clean stream: every sample once, live, in order. */
    public static MessSettings none() {
        return new MessSettings(0, 0, 0, 0, 0, 0, 500);
    }

    /** The default untidiness: a few percent of samples late, out of order or duplicated, and some gaps. */
    public static MessSettings realistic() {
        return new MessSettings(0.6, 0.25, 0.02, 0.01, 0.01, 0.3, 500);
    }

    public boolean any() {
        return coverageGapsPerHour > 0 || undergroundParking > 0 || outOfOrder > 0 || late > 0 || duplicate > 0 || reconnectsPerHour > 0;
    }
}
