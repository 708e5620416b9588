package vn.lienthong.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.GatewayClient;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Fetch an envelope from the inbox: the sender's signed bytes, unchanged.")
final class FetchCommand implements Callable<Integer> {

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Parameters(index = "0", paramLabel = "ENVELOPE_ID")
    String envelopeId = "";

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the envelope.")
    Path out = Path.of("");

    @Override
    public Integer call() throws Exception {
        GatewayClient.Fetched fetched = gateway.client().fetch(envelopeId);
        Files.write(out, fetched.content());
        System.out.println("fetched " + fetched.kind() + " from " + fetched.sender() + " (dossier "
                + fetched.dossierCode() + ") -> " + out);
        return ExitCodes.OK;
    }
}
