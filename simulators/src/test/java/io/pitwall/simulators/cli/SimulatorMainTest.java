package io.pitwall.simulators.cli;

import io.pitwall.contracts.PayloadFormat;
import io.pitwall.simulators.mqtt.DeviceTransport;
import io.pitwall.simulators.mqtt.MqttProtocol;
import io.pitwall.simulators.mqtt.TlsSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorMainTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SimulatorMain())
                .setExecutionExceptionHandler(SimulatorMain::reportConfigurationError);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"simulate", "generate", "replay", "load"}) {
            Result help = run(command, "--help");
            assertThat(help.code()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage:").contains("--help");
        }
        assertThat(run("--help").out()).contains("simulate", "generate", "replay", "load");
    }

    @Test
    void aBadFaultIsAConfigurationErrorWithASentence() {
        Result bad = run("simulate", "--fault", "MELTDOWN:1", "--broker", "tcp://127.0.0.1:1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown fault kind").contains("--help");
    }

    @Test
    void transportOptionsSelectMqtt5CborAndTlsWithTheTlsPortAsDefault() {
        SimulateCommand simulate = new SimulateCommand();
        new CommandLine(simulate).parseArgs("--mqtt-version", "5", "--payload", "CBOR", "--tls-ca-file", "ca.pem",
                "--tls-key-store", "devices/{vin}.p12", "--tls-key-store-password", "pw");
        DeviceTransport transport = simulate.transport.transport();
        assertThat(transport.protocol()).isEqualTo(MqttProtocol.V5);
        assertThat(transport.payload()).isEqualTo(PayloadFormat.CBOR);
        assertThat(transport.tls()).isEqualTo(new TlsSettings(Path.of("ca.pem"), null, null, "devices/{vin}.p12", "pw"));
        assertThat(transport.tls().keyStoreFor("LSVAU2180N2183294")).isEqualTo(Path.of("devices/LSVAU2180N2183294.p12"));
        assertThat(SimulateCommand.brokerUri(null, transport)).isEqualTo("ssl://127.0.0.1:8883");
        assertThat(SimulateCommand.brokerUri("tcp://gw:1884", transport)).isEqualTo("tcp://gw:1884");

        LoadCommand load = new LoadCommand();
        new CommandLine(load).parseArgs("--tls");
        assertThat(load.transport.transport().tls()).isEqualTo(TlsSettings.jdkDefaults());
        assertThat(LoadCommand.brokerPort(load.port, load.transport.transport())).isEqualTo(8883);

        LoadCommand plain = new LoadCommand();
        new CommandLine(plain).parseArgs();
        assertThat(plain.transport.transport()).isEqualTo(DeviceTransport.DEFAULT);
        assertThat(LoadCommand.brokerPort(plain.port, plain.transport.transport())).isEqualTo(1883);
    }

    @Test
    void aBadTransportOptionIsAConfigurationErrorWithASentence() {
        Result version = run("simulate", "--mqtt-version", "4", "--broker", "tcp://127.0.0.1:1");
        assertThat(version.code()).isEqualTo(2);
        assertThat(version.err()).contains("--mqtt-version is 3 (MQTT 3.1.1) or 5 (MQTT 5.0)");
        Result payload = run("load", "--payload", "xml", "--connections", "1", "--duration", "1s");
        assertThat(payload.code()).isEqualTo(2);
        assertThat(payload.err()).contains("--payload is json or cbor");
        Result ca = run("load", "--tls-ca-file", "/nonexistent/ca.pem", "--connections", "1", "--duration", "1s");
        assertThat(ca.code()).isEqualTo(2);
        assertThat(ca.err()).contains("Cannot read the CA certificates from /nonexistent/ca.pem");
    }

    @Test
    void anUnreachableGatewayGetsAClearMessage() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true));
        try {
            Result result = run("simulate", "--broker", "tcp://127.0.0.1:" + port, "--vehicles", "1", "--samples", "1",
                    "--out", System.getProperty("java.io.tmpdir") + "/pitwall-sim-test");
            assertThat(result.code()).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString()).contains("Cannot reach an MQTT broker at tcp://127.0.0.1:" + port);
    }
}
