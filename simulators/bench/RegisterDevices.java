import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.gateway.auth.Device;
import io.pitwall.gateway.auth.SecretHasher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a gateway device registry for the VIN -> secret maps written by `pitwall-sim load
 * --write-devices`, hashing with cheap Argon2id parameters (m=1024 KiB, t=1, p=1) in parallel so
 * that 19,000 devices register in seconds instead of minutes. The gateway reads the parameters
 * from each stored hash (argon2id$v=19$m=..,t=..,p=..$salt$hash) and verifies with them, so the
 * only effect is a cheaper check once per CONNECT - before any measurement window starts.
 * java -cp pitwall-ingest-gateway-all.jar RegisterDevices.java OUT.json MAP.json [MAP.json...]
 */
public final class RegisterDevices {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            secrets.putAll(mapper.readValue(new File(args[i]), new TypeReference<Map<String, String>>() { }));
        }
        SecretHasher hasher = new SecretHasher(1024, 1, 1);
        long t0 = System.nanoTime();
        long now = System.currentTimeMillis();
        List<Device> devices = new ArrayList<>(secrets.entrySet().parallelStream()
                .map(e -> new Device(e.getKey(), hasher.hash(e.getValue()), false, now))
                .collect(Collectors.toList()));
        Path out = Path.of(args[0]);
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".devices", ".tmp");
        mapper.writeValue(tmp.toFile(), devices);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("registered %d devices in %.1f s (argon2id m=1024,t=1,p=1)%n", devices.size(), (System.nanoTime() - t0) / 1e9);
    }
}
