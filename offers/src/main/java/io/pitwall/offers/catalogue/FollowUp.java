package io.pitwall.offers.catalogue;

import java.time.Instant;

/** A follow-up touch to decide at {@code dueAt}; the caller sets a timer and runs the policy then. */
public record FollowUp(Candidate candidate, Instant dueAt) {
}
