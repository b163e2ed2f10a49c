package io.pitwall.simulators.fleet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The simulated devices' secrets, derived from the fleet seed and the VIN (HMAC-SHA256), so the
 * simulator and whoever registers the fleet with the gateway agree without exchanging files.
 * Only for simulated fleets: real devices get random secrets from the gateway's registry.
 */
public final class DeviceSecrets {

    private DeviceSecrets() {
    }

    public static String secretFor(long seed, String vin) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("pitwall-sim-" + seed).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(vin.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
