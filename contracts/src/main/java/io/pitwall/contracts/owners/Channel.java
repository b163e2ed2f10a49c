package io.pitwall.contracts.owners;

/** A private-domain channel through which an owner can be reached. */
public enum Channel {
    /** A signed HTTP webhook that the brand's app or mini-program integration receives. */
    WEBHOOK,
    /** WeCom (enterprise WeChat). */
    WECOM,
    /** The brand app's own push. */
    APP,
    /** The car's head unit, through a {@code vehicle.notices} record. */
    HEAD_UNIT
}
