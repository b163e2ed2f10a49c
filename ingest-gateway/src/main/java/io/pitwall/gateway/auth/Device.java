package io.pitwall.gateway.auth;

/** A registered vehicle: its VIN, the hash of its current secret, and whether it was revoked. */
public record Device(String vin, String secretHash, boolean revoked, long updatedAt) {
}
