package io.pitwall.jobs.offers;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for what is said about owners (profiles, erasures, opt-outs): none. Their times are
 * the CRM's and the channel's wall clock, not the fleet's, and must not move the offer clock - in
 * a replayed or simulated fleet a freshly imported profile would otherwise push the watermark to
 * today and fire every follow-up timer at once. The input declares itself idle at every periodic
 * emit, so the offer clock follows the vehicle facts alone; between a record and the next emit
 * (200 ms by default) it only holds the clock back, which delays timers a moment and never
 * releases one early.
 */
final class ClockNeutral<T> implements WatermarkGenerator<T> {

    static <T> WatermarkStrategy<T> strategy() {
        return WatermarkStrategy.forGenerator(context -> new ClockNeutral<>());
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
