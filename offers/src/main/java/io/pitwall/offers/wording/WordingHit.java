package io.pitwall.offers.wording;

/**
 * A forbidden term found in a text.
 *
 * @param term    the configured term that matched
 * @param excerpt the normalised text around the match, for the log and the audit
 */
public record WordingHit(String term, String excerpt) {
}
