package vn.lienthong.app;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTPS connector with mutual TLS, prefix {@code lienthong.tls}. It serves the same API
 * as the main port; agencies that present a registered client certificate are authenticated
 * by it. The client certificates must chain to {@code lienthong.trust.anchors}.
 *
 * @param port the HTTPS port; 0 picks a free one
 * @param keyStore PKCS#12 file with the server's key and certificate; without it there is no HTTPS connector
 * @param keyStorePasswordFile file whose first line is that key store's password
 */
@ConfigurationProperties("lienthong.tls")
public record TlsProperties(@DefaultValue("8443") int port, @Nullable Path keyStore, @Nullable Path keyStorePasswordFile) {
}
