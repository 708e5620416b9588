package vn.lienthong.client.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.lienthong.client.keys.AgencyKeys;
import vn.lienthong.signature.DemoCertificateAuthority;
import vn.lienthong.signature.PemCertificates;
import vn.lienthong.signature.SigningKey;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate an agency's signing key: a PKCS#12 key store with a certificate to start with "
                + "(self-signed, or issued by the demo CA with --ca), the certificate in PEM to register with the gateway, "
                + "and a PKCS#10 certificate request (CSR) for the same key to send to the government CA or a licensed CA.",
                "Writes OUT/signing-key.p12 (alias: the agency code), OUT/certificate.pem and OUT/signing-request.csr; "
                        + "refuses to overwrite any of them. Demo-CA and self-signed certificates are for demos and tests only."})
final class KeygenCommand implements Callable<Integer> {

    /** The key types on offer, as typed on the command line. */
    enum KeyTypeOption {
        rsa(DemoCertificateAuthority.KeyType.RSA_2048), ec(DemoCertificateAuthority.KeyType.EC_P256);

        private final DemoCertificateAuthority.KeyType type;

        KeyTypeOption(DemoCertificateAuthority.KeyType type) {
            this.type = type;
        }
    }

    @Option(names = "--agency", required = true, paramLabel = "CODE", description = "The agency's code, such as 000.00.12.H53.")
    String agency = "";

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The agency's name (the certificate's organisation).")
    String name = "";

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "rsa",
            description = "rsa (RSA 2048, signs RSA-SHA256) or ec (P-256, signs ECDSA-SHA256); default ${DEFAULT-VALUE}.")
    KeyTypeOption keyType = KeyTypeOption.rsa;

    @Option(names = "--ca", paramLabel = "P12", description = "Have this CA key store issue the certificate, such as the demo's "
            + "data/demo/ca/demo-ca.p12 (default: self-signed).")
    @Nullable Path ca;

    @Option(names = "--ca-password", paramLabel = "PASSWORD", description = "The CA key store's password (the demo's is 'demo').")
    @Nullable String caPassword;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Password for the new key store.")
    @Nullable String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password for the new key store.")
    @Nullable Path passwordFile;

    @Option(names = "--days", paramLabel = "DAYS", defaultValue = "365", description = "Validity of the certificate (default ${DEFAULT-VALUE}).")
    int days = 365;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder to write the three files to.")
    Path out = Path.of("");

    @Override
    public Integer call() throws Exception {
        char[] secret = passwordFile != null ? Files.readString(passwordFile).strip().toCharArray()
                : password != null ? password.toCharArray() : null;
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("give the new key store's password with --password or --password-file");
        }
        Path keyStore = out.resolve("signing-key.p12");
        Path certificate = out.resolve("certificate.pem");
        Path request = out.resolve("signing-request.csr");
        for (Path file : List.of(keyStore, certificate, request)) {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file + " exists; keygen never overwrites a key");
            }
        }
        DemoCertificateAuthority issuer = ca == null ? null : new DemoCertificateAuthority(SigningKey.fromPkcs12(ca,
                caPassword == null ? new char[0] : caPassword.toCharArray()));
        AgencyKeys.GeneratedKey generated = AgencyKeys.generate(agency, name, keyType.type, issuer, Duration.ofDays(days));
        Files.createDirectories(out);
        generated.signingKey().writePkcs12(keyStore, agency, secret);
        PemCertificates.write(certificate, generated.signingKey().certificate());
        Files.writeString(request, generated.certificationRequestPem(), StandardCharsets.US_ASCII);
        System.out.println("key     -> " + keyStore + " (alias " + agency + ")");
        System.out.println("cert    -> " + certificate + (issuer == null ? " (self-signed)"
                : " (issued by " + issuer.authority().certificate().getSubjectX500Principal().getName() + ")"));
        System.out.println("request -> " + request + " (send it to your CA; register the certificate it issues)");
        return ExitCodes.OK;
    }
}
