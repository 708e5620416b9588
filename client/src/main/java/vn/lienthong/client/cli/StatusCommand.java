package vn.lienthong.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show an envelope's state per recipient (JSON).")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Parameters(index = "0", paramLabel = "ENVELOPE_ID")
    String envelopeId = "";

    @Override
    public Integer call() throws Exception {
        System.out.println(gateway.client().get("envelopes/" + envelopeId).toPrettyString());
        return ExitCodes.OK;
    }
}
