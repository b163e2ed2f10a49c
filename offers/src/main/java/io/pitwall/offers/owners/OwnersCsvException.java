package io.pitwall.offers.owners;

/** An owners CSV that cannot be imported; the message names the line and column and says what is expected. */
public final class OwnersCsvException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OwnersCsvException(String message) {
        super(message);
    }
}
