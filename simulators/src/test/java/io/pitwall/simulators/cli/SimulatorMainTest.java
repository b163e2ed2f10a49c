package io.pitwall.simulators.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;

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
