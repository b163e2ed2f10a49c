package io.pitwall.simulators.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the JDK's keytool, as the gateway's own TLS tests make theirs: a CA
 * (also as PEM, for {@code --tls-ca-file}), a server certificate for 127.0.0.1, and device
 * certificates whose CN is a VIN, all PKCS#12 with one password.
 */
public final class TestPki {

    public static final String PASSWORD = "changeit";

    public final Path dir;
    public final Path caPem;
    public final Path trustStore;
    public final Path serverKeyStore;

    public TestPki(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        Path ca = dir.resolve("ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Pitwall Sim Test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
        caPem = dir.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caPem.toString());
        trustStore = dir.resolve("trust.p12");
        keytool("-importcert", "-alias", "ca", "-file", caPem.toString(), "-keystore", trustStore.toString());
        serverKeyStore = signed(dir.resolve("server.p12"), "server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost");
    }

    /** A device key store {@code <directory>/<vin>.p12} whose certificate's CN is the VIN (for a {@code {vin}} template). */
    public Path device(Path directory, String vin) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        return signed(directory.resolve(vin + ".p12"), "device", "CN=" + vin, null);
    }

    /** One key store holding a certificate per VIN, as a fleet operator might keep them. */
    public Path fleetStore(Path file, List<String> vins) throws IOException, InterruptedException {
        for (String vin : vins) {
            Path single = device(dir.resolve("singles"), vin);
            keytool("-importkeystore", "-srckeystore", single.toString(), "-srcstorepass", PASSWORD, "-srcalias", "device",
                    "-destkeystore", file.toString(), "-destalias", "device-" + vin, "-srckeypass", PASSWORD,
                    "-destkeypass", PASSWORD, "-deststoretype", "PKCS12");
        }
        return file;
    }

    private Path signed(Path store, String alias, String dname, String san) throws IOException, InterruptedException {
        String name = store.getFileName().toString().replace(".p12", "");
        Path csr = store.resolveSibling(name + ".csr");
        Path cert = store.resolveSibling(name + ".pem");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", store.toString());
        keytool("-certreq", "-alias", alias, "-keystore", store.toString(), "-file", csr.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore",
                dir.resolve("ca.p12").toString(), "-infile", csr.toString(), "-outfile", cert.toString(), "-validity", "2"));
        if (san != null) {
            gencert.add("-ext");
            gencert.add(san);
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-alias", "ca", "-file", caPem.toString(), "-keystore", store.toString());
        keytool("-importcert", "-alias", alias, "-file", cert.toString(), "-keystore", store.toString());
        return store;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        if (!List.of(args).contains("-importkeystore")) {
            command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        } else {
            command.addAll(List.of("-deststorepass", PASSWORD));
        }
        command.add("-noprompt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
