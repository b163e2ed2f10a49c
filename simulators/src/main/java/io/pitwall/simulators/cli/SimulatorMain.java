package io.pitwall.simulators.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The simulators' command line; every command and option has {@code --help}. */
@Command(name = "pitwall-sim", mixinStandardHelpOptions = true,
        description = "Pitwall simulators: a deterministic vehicle fleet talking MQTT to the gateway.",
        subcommands = {SimulateCommand.class, GenerateCommand.class, ReplayCommand.class, LoadCommand.class})
public final class SimulatorMain {

    public static void main(String[] args) {
        // Library modules ship no log4j2.xml (it would override their host's); the program picks its own.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-pitwall-sim.xml");
        }
        System.exit(new CommandLine(new SimulatorMain())
                .setExecutionExceptionHandler(SimulatorMain::reportConfigurationError)
                .execute(args));
    }

    /** A configuration mistake gets its sentence and exit code 2, not a stack trace. */
    static int reportConfigurationError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException) {
            cmd.getErr().println(e.getMessage());
            cmd.getErr().println("See: " + cmd.getCommandSpec().qualifiedName() + " --help");
            return 2;
        }
        throw e;
    }
}
