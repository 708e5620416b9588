package vn.lienthong.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.signature.SigningKey;

@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Sign an envelope with an agency's key (enveloped XML-DSig, RSA-SHA256 or ECDSA-SHA256).",
                "An edXML document is signed with the signature in edXMLHeader, as QCVN 102:2016 places it."})
final class SignCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ENVELOPE", description = "The unsigned envelope or edXML document.")
    Path envelope = Path.of("");

    @Option(names = "--key", required = true, paramLabel = "P12", description = "The agency's PKCS#12 key store.")
    Path key = Path.of("");

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Key store password (the demo's is 'demo').")
    @Nullable String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the key store password.")
    @Nullable Path passwordFile;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the signed envelope.")
    Path out = Path.of("");

    @Override
    public Integer call() throws Exception {
        char[] secret = passwordFile != null ? Files.readString(passwordFile).strip().toCharArray()
                : password != null ? password.toCharArray() : new char[0];
        byte[] signed = new EnvelopeSigning(SigningKey.fromPkcs12(key, secret)).sign(Files.readAllBytes(envelope));
        Files.write(out, signed);
        System.out.println("signed " + envelope + " -> " + out);
        return ExitCodes.OK;
    }
}
