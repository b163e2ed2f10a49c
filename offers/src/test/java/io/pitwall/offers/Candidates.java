package io.pitwall.offers;

import io.pitwall.contracts.alerts.Severity;
import io.pitwall.contracts.offers.ServiceOffer;
import io.pitwall.offers.catalogue.Candidate;
import java.time.Duration;
import java.util.Map;

/** Test candidates. */
public final class Candidates {

    public static final String VIN = "LSVAU2180N2000001";

    private Candidates() {
    }

    public static Candidate brake() {
        return new Candidate("BRAKE_SERVICE", "brake-km", 80, Duration.ofDays(14), null, VIN, ServiceOffer.TRIGGER_HEALTH,
                VIN + "/HEALTH/1", 1L, Map.of(Candidate.KM_LEFT, 812.4, Candidate.DAYS_LEFT, 23.0));
    }

    public static Candidate alert(String recommendation, Severity severity) {
        return new Candidate(recommendation, "alert", 90, Duration.ofDays(7), severity, VIN, ServiceOffer.TRIGGER_ALERT,
                "alert-1", 1L, Map.of());
    }

    public static Candidate followUp(String recommendation) {
        return new Candidate(recommendation, "follow-up", 30, Duration.ZERO, null, VIN, ServiceOffer.TRIGGER_SERVICE_FOLLOW_UP,
                VIN + "/SERVICE_DONE/1", 1L, Map.of());
    }
}
