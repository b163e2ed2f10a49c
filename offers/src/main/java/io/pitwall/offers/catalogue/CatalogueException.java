package io.pitwall.offers.catalogue;

/** A catalogue that cannot be used; the message names the source, the entry and what is wrong. */
public final class CatalogueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogueException(String message) {
        super(message);
    }

    public CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
