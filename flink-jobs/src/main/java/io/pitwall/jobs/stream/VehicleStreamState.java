package io.pitwall.jobs.stream;

/** Per-vehicle state of {@link DedupAndOrder}: the seq window and the newest sample time analysed. */
public class VehicleStreamState {
    public SeqWindow seen;
    public long newestSampleTs = Long.MIN_VALUE;

    public VehicleStreamState() {
    }
}
