package vn.lienthong.client.cli;

import picocli.CommandLine.Command;

/** Groups the commands on a dossier's evidence bundle. */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = "Work with a dossier's evidence bundle (GET /api/v1/dossiers/{code}/evidence; docs/EVIDENCE.md).",
        subcommands = VerifyEvidenceCommand.class)
final class EvidenceCommand {
}
