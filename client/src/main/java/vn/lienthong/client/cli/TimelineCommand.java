package vn.lienthong.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "Show a dossier with its hand-offs: who gave, who took, when (JSON).")
final class TimelineCommand implements Callable<Integer> {

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Parameters(index = "0", paramLabel = "DOSSIER_CODE")
    String dossierCode = "";

    @Override
    public Integer call() throws Exception {
        System.out.println(gateway.client().get("dossiers/" + dossierCode).toPrettyString());
        return ExitCodes.OK;
    }
}
