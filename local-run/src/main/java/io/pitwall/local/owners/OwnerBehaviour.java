package io.pitwall.local.owners;

/**
 * How simulated owners answer offers. Each owner's answer to each offer is a deterministic function
 * of the offer id, so a run can be repeated; variant B of an experiment books a little more often
 * than A, so the local run's A/B report has a lift to show.
 *
 * @param openRate    share of delivered offers the owner opens
 * @param bookRate    share of opened offers the owner books (variant A and offers in no experiment)
 * @param variantBLift added to {@code bookRate} for variant B
 * @param optOutRate  share of opened-but-not-booked offers after which the owner opts out
 */
public record OwnerBehaviour(double openRate, double bookRate, double variantBLift, double optOutRate) {

    /** Roughly what a service business sees from a private channel. */
    public static OwnerBehaviour realistic() {
        return new OwnerBehaviour(0.7, 0.3, 0.15, 0.05);
    }

    /** Every owner opens and books every offer: for tests that follow one offer through the funnel. */
    public static OwnerBehaviour booksEverything() {
        return new OwnerBehaviour(1, 1, 0, 0);
    }
}
