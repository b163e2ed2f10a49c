package io.pitwall.contracts;

import java.util.Objects;

/**
 * A message broke the wire contract. The message text is a sentence for the people reading the
 * dead-letter topic: what was wrong, where in the message, and what the contract expects.
 */
public final class ContractViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    public ContractViolation(RejectReason reason, String message) {
        this(reason, message, null);
    }

    /*
     * No stack trace: a misbehaving device can send thousands of bad messages a second, the
     * location that matters is inside the message (and already in the text), not in our code.
     */
    public ContractViolation(RejectReason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RejectReason reason() {
        return reason;
    }
}
