package vn.lienthong.core.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CRLException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured certificate revocation lists, fetched from files or URLs and refreshed in
 * the background. A list that cannot be fetched keeps its last good copy (in memory, and on
 * disk across restarts); whether a stale list still counts is for the revocation policy.
 */
public final class RevocationLists {

    /**
     * One configured list and what is known of it.
     *
     * @param crl the last good copy, or null if none was ever fetched
     * @param lastError why the last fetch failed, or null if it succeeded
     */
    public record Source(String location, @Nullable X509CRL crl, @Nullable Instant fetchedAt, @Nullable String lastError) {
    }

    private static final Logger log = LoggerFactory.getLogger(RevocationLists.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> locations;
    private final @Nullable Path cacheDir;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final AtomicLong version = new AtomicLong();
    private volatile Map<String, Source> sources = Map.of();

    public RevocationLists(List<String> locations, @Nullable Path cacheDir, Clock clock) {
        this.locations = List.copyOf(locations);
        this.cacheDir = cacheDir;
        this.clock = clock;
    }

    /** True when any CRL is configured, so revocation is checked at all. */
    public boolean enabled() {
        return !locations.isEmpty();
    }

    /** Every list that was ever fetched, current or not. */
    public List<X509CRL> current() {
        return sources.values().stream().map(Source::crl).filter(Objects::nonNull).toList();
    }

    public List<Source> sources() {
        return List.copyOf(sources.values());
    }

    /** Changes whenever a list changes, so cached validation results can be dropped. */
    public long version() {
        return version.get();
    }

    /** Fetches every list again; failures keep the previous copy. */
    public synchronized void refresh() {
        Map<String, Source> refreshed = new LinkedHashMap<>();
        boolean changed = false;
        for (String location : locations) {
            Source previous = sources.get(location);
            Source next;
            try {
                byte[] encoded = fetch(location);
                X509CRL crl = parse(encoded);
                keep(location, encoded);
                next = new Source(location, crl, clock.instant(), null);
                changed |= previous == null || previous.crl() == null || !sameList(previous.crl(), crl);
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                X509CRL last = previous != null && previous.crl() != null ? previous.crl() : cached(location);
                changed |= previous == null && last != null;
                next = new Source(location, last, previous == null ? null : previous.fetchedAt(), e.toString());
                log.warn("CRL {} could not be refreshed ({}); {}", location, e.getMessage(),
                        last == null ? "no copy of it is held" : "keeping the copy issued " + last.getThisUpdate().toInstant());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            refreshed.put(location, next);
        }
        sources = Map.copyOf(refreshed);
        if (changed) {
            version.incrementAndGet();
        }
    }

    private byte[] fetch(String location) throws IOException, InterruptedException {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(location)).timeout(FETCH_TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return response.body();
        }
        return Files.readAllBytes(Path.of(location));
    }

    private static X509CRL parse(byte[] encoded) throws GeneralSecurityException {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
        } catch (CRLException e) {
            throw new CRLException("not a CRL: " + e.getMessage(), e);
        }
    }

    private static boolean sameList(X509CRL a, X509CRL b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CRLException e) {
            return false;
        }
    }

    private void keep(String location, byte[] encoded) {
        if (cacheDir == null) {
            return;
        }
        try {
            Files.createDirectories(cacheDir);
            Files.write(cacheFile(location), encoded);
        } catch (IOException e) {
            log.warn("cannot keep a copy of CRL {} in {}: {}", location, cacheDir, e.getMessage());
        }
    }

    private @Nullable X509CRL cached(String location) {
        if (cacheDir == null || !Files.isReadable(cacheFile(location))) {
            return null;
        }
        try {
            return parse(Files.readAllBytes(cacheFile(location)));
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    private Path cacheFile(String location) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
            return Objects.requireNonNull(cacheDir).resolve(HexFormat.of().formatHex(digest, 0, 12) + ".crl");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
