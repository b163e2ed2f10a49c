/**
 * The core of Pitwall's proactive service offers, free of Flink: who an owner is ({@code owners}),
 * which vehicle facts lead to which recommendation ({@code catalogue}), whether and when an owner
 * may be contacted ({@code policy}), what the offer says ({@code render}, {@code wording}), how it
 * is delivered ({@code channels}) and how replies come back ({@code callbacks}). See docs/offers.md.
 */
package io.pitwall.offers;
