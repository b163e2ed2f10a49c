package io.pitwall.contracts.notices;

import io.pitwall.contracts.alerts.Severity;
import java.util.List;

/**
 * A message for the head unit, published by the gateway on {@code v1/vehicles/{vin}/notices};
 * its JSON is exactly the contract's notice message.
 *
 * @param actions   buttons, may be null or empty
 * @param expiresAt after this time (epoch milliseconds) the head unit no longer shows it; null for no expiry
 */
public record Notice(
        String noticeId,
        NoticeKind kind,
        Severity severity,
        String title,
        String body,
        List<Action> actions,
        Long expiresAt) {
}
