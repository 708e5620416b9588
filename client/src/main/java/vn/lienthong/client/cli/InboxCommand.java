package vn.lienthong.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.lienthong.client.GatewayClient;

@Command(name = "inbox", mixinStandardHelpOptions = true, description = "List envelopes waiting in the agency's inbox.")
final class InboxCommand implements Callable<Integer> {

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Option(names = "--limit", defaultValue = "100", description = "Most entries to list (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
        var entries = gateway.client().inbox(limit);
        if (entries.isEmpty()) {
            System.out.println("inbox empty");
        }
        for (GatewayClient.InboxItem entry : entries) {
            System.out.printf("%s  from %s  %s  dossier %s  %d bytes  since %s%n", entry.envelopeId(), entry.sender(),
                    entry.kind(), entry.dossierCode(), entry.size(), entry.availableAt());
        }
        return ExitCodes.OK;
    }
}
