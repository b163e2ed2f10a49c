package io.pitwall.contracts.notices;

/** A button on a notice: the label shown and the link it opens, e.g. a one-step booking. */
public record Action(String label, String url) {
}
