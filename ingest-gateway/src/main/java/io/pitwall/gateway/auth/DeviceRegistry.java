package io.pitwall.gateway.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pitwall.contracts.Vin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vehicles allowed to connect, kept in a JSON file. The gateway re-reads the file when it
 * changes, so adding, rotating or revoking a device takes effect on the next CONNECT without a
 * restart. Writers replace the file atomically, so a reader never sees half of it.
 */
public final class DeviceRegistry {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final SecretHasher hasher;
    private volatile Snapshot snapshot = new Snapshot(FileTime.fromMillis(-1), -1, Map.of());

    public DeviceRegistry(Path file, SecretHasher hasher) {
        this.file = file;
        this.hasher = hasher;
    }

    public Optional<Device> find(String vin) {
        return Optional.ofNullable(current().devices().get(vin));
    }

    /** Checks a VIN and secret; false for unknown, revoked or wrong. */
    public boolean authenticate(String vin, String secret) {
        Optional<Device> device = find(vin);
        if (device.isEmpty() || device.get().revoked()) {
            // Hash anyway so an unknown VIN takes as long to refuse as a wrong secret.
            hasher.verify(secret, DUMMY_HASH);
            return false;
        }
        return hasher.verify(secret, device.get().secretHash());
    }

    /** Registers the vehicle (or replaces its secret) and returns the new secret in clear, once. */
    public synchronized String issueSecret(String vin) {
        Vin.requireValid(vin);
        String secret = newSecret();
        Map<String, Device> devices = new LinkedHashMap<>(current().devices());
        devices.put(vin, new Device(vin, hasher.hash(secret), false, System.currentTimeMillis()));
        write(devices);
        return secret;
    }

    /** Registers the vehicle with a secret chosen by the caller (simulators derive theirs from a seed). */
    public synchronized void register(String vin, String secret) {
        Vin.requireValid(vin);
        Map<String, Device> devices = new LinkedHashMap<>(current().devices());
        devices.put(vin, new Device(vin, hasher.hash(secret), false, System.currentTimeMillis()));
        write(devices);
    }

    /** Registers many vehicles in one write; hashing dominates, so this is still slow for thousands. */
    public synchronized void registerAll(Map<String, String> secretsByVin) {
        Map<String, Device> devices = new LinkedHashMap<>(current().devices());
        secretsByVin.forEach((vin, secret) -> {
            Vin.requireValid(vin);
            devices.put(vin, new Device(vin, hasher.hash(secret), false, System.currentTimeMillis()));
        });
        write(devices);
    }

    public synchronized boolean revoke(String vin) {
        Map<String, Device> devices = new LinkedHashMap<>(current().devices());
        Device device = devices.get(vin);
        if (device == null) {
            return false;
        }
        devices.put(vin, new Device(vin, device.secretHash(), true, System.currentTimeMillis()));
        write(devices);
        return true;
    }

    /**
     * Vehicles in the registry, read from the file if it changed. The gateway calls it at start-up,
     * so an unreadable registry stops the start with its reason instead of failing the first CONNECT.
     */
    public int size() {
        return current().devices().size();
    }

    public List<Device> list() {
        return new ArrayList<>(current().devices().values());
    }

    private Snapshot current() {
        try {
            if (!Files.exists(file)) {
                return snapshot;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Snapshot seen = snapshot;
            if (modified.equals(seen.modified()) && size == seen.size()) {
                return seen;
            }
            List<Device> devices = MAPPER.readValue(file.toFile(), new TypeReference<List<Device>>() { });
            Map<String, Device> byVin = new LinkedHashMap<>();
            devices.forEach(d -> byVin.put(d.vin(), d));
            Snapshot fresh = new Snapshot(modified, size, Map.copyOf(byVin));
            snapshot = fresh;
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read device registry " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(Map<String, Device> devices) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".devices", ".tmp");
            MAPPER.writeValue(tmp.toFile(), new ArrayList<>(devices.values()));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write device registry " + file + ": " + e.getMessage(), e);
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static final String DUMMY_HASH = SecretHasher.DEFAULT.hash("unknown-device");

    private record Snapshot(FileTime modified, long size, Map<String, Device> devices) {
    }
}
