package vn.lienthong.client.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.lienthong.client.GatewayProblemException;
import vn.lienthong.client.ReceiptVerification;
import vn.lienthong.client.edxml.EdxmlConversionException;

/** Entry point of the {@code lienthong} tool. */
@Command(name = "lienthong", mixinStandardHelpOptions = true, version = "lienthong 0.1",
        description = "Sign, submit and receive envelopes through a lienthong gateway; verify receipts and evidence bundles offline; "
                + "convert dossier traffic to and from edXML; generate an agency's signing key and certificate request. "
                + "docs/CLIENT.md documents every command.",
        subcommands = {SignCommand.class, SubmitCommand.class, VerifyReceiptCommand.class, InboxCommand.class,
                FetchCommand.class, AckCommand.class, StatusCommand.class, TimelineCommand.class,
                ReceiveCommand.class, EvidenceCommand.class, EdxmlCommand.class, KeygenCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  2  wrong command line", "  3  the gateway refused the request (its code is printed)",
                "  4  a signature or receipt did not verify", "  5  a file or the gateway could not be reached",
                "  6  an evidence bundle did not verify (tampered, incomplete, or not the pinned gateway's)",
                "  7  the input cannot be converted (edxml: not well-formed, not valid, or not dossier traffic)"})
public final class LienthongCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; for tests and embedding. */
    public static int run(String... args) {
        // Santuario reports each failed digest at WARNING; the commands report failures themselves.
        Logger.getLogger("org.apache.xml.security").setLevel(Level.SEVERE);
        return new CommandLine(new LienthongCli())
                .addSubcommand("verify-evidence", new VerifyEvidenceCommand())
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    commandLine.getErr().println("lienthong: " + message(e));
                    return exitCode(e);
                })
                .execute(args);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static int exitCode(Exception e) {
        if (e instanceof GatewayProblemException) {
            return ExitCodes.REFUSED;
        }
        if (e instanceof EdxmlConversionException) {
            return ExitCodes.INPUT_INVALID;
        }
        if (e instanceof ReceiptVerification.ReceiptInvalidException) {
            return ExitCodes.NOT_VERIFIED;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return ExitCodes.IO;
        }
        if (e instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.IO;
    }
}
