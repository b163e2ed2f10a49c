package io.pitwall.offers.policy;

/** One touch rule. It either lets the request through, possibly refined, or decides it. */
public interface PolicyStep {

    StepResult apply(PolicyContext context);

    /** Proceed with a (possibly changed) context, or stop with a decision. */
    sealed interface StepResult permits Proceed, Decided {
    }

    record Proceed(PolicyContext context) implements StepResult {
    }

    record Decided(PolicyDecision decision) implements StepResult {
    }

    static StepResult proceed(PolicyContext context) {
        return new Proceed(context);
    }

    static StepResult decided(PolicyDecision decision) {
        return new Decided(decision);
    }
}
