package io.pitwall.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./pitwall offers ...}: the offer system's operator commands - import owners from a CSV,
 * erase an owner, run the channel callback endpoint, print the funnel and A/B report.
 */
@Command(name = "pitwall offers", mixinStandardHelpOptions = true,
        description = "Operate the offer system: owners, channel callbacks, the funnel report.",
        subcommands = {ImportOwnersCommand.class, EraseOwnerCommand.class, CallbacksCommand.class, OfferReportCommand.class})
public final class OffersCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new OffersCli()).execute(args));
    }
}
