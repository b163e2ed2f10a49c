package io.pitwall.contracts.notices;

/** Why a notice is shown: safety and health (always delivered) or marketing (only with consent). */
public enum NoticeKind {
    ALERT,
    OFFER
}
