package io.pitwall.gateway.raw;

/**
 * The payload is outside what the fast path reads (an escape, an exponent, a duplicate key, a
 * value the contract refuses...). Not an error: the caller hands the payload to the contract's
 * full decoder, which accepts it or says why not. One shared instance without a stack trace,
 * because it is control flow on a path that may run for every message of a device.
 */
final class NotSimple extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final NotSimple INSTANCE = new NotSimple();

    private NotSimple() {
        super("outside the fast path", null, false, false);
    }
}
