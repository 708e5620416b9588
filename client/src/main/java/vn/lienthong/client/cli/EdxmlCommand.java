package vn.lienthong.client.cli;

import picocli.CommandLine.Command;

/** Groups the conversions between dossier envelopes and edXML. */
@Command(name = "edxml", mixinStandardHelpOptions = true,
        description = "Convert dossier traffic between lienthong envelopes and edXML (QCVN 102:2016); docs/EDXML.md.",
        subcommands = {EdxmlFromEnvelopeCommand.class, EdxmlToEnvelopeCommand.class})
final class EdxmlCommand {
}
