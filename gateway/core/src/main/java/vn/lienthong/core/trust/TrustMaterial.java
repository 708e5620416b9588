package vn.lienthong.core.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import vn.lienthong.signature.PemCertificates;

/**
 * The CAs the gateway trusts: self-signed roots as anchors, and intermediate CAs that may
 * complete a signer's chain.
 */
public record TrustMaterial(List<X509Certificate> roots, List<X509Certificate> intermediates) {

    private static final Set<String> CERTIFICATE_FILES = Set.of("pem", "crt", "cer", "der");

    public TrustMaterial {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no self-signed CA certificate among the trust anchors");
        }
        roots = List.copyOf(roots);
        intermediates = List.copyOf(intermediates);
    }

    public Set<TrustAnchor> anchors() {
        return roots.stream().map(root -> new TrustAnchor(root, null)).collect(Collectors.toSet());
    }

    /** Loads a directory of certificate files, or a PKCS#12 trust store. */
    public static TrustMaterial load(Path location, @Nullable Path passwordFile) {
        List<X509Certificate> certificates = Files.isDirectory(location) ? fromDirectory(location)
                : fromKeyStore(location, passwordFile);
        List<X509Certificate> roots = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            boolean selfSigned = certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
            (selfSigned ? roots : intermediates).add(certificate);
        }
        try {
            return new TrustMaterial(roots, intermediates);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("trust anchors " + location + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> fromDirectory(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> CERTIFICATE_FILES.contains(extension(file))).sorted()
                    .flatMap(file -> PemCertificates.read(file).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trust anchors in " + directory, e);
        }
    }

    private static List<X509Certificate> fromKeyStore(Path file, @Nullable Path passwordFile) {
        try (InputStream in = Files.newInputStream(file)) {
            char[] password = passwordFile == null ? null
                    : Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            List<X509Certificate> certificates = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trust store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open trust store " + file + ": " + e.getMessage(), e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
