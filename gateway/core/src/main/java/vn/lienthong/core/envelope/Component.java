package vn.lienthong.core.envelope;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Thành phần hồ sơ: one document of the dossier. Its bytes travel inline (base64) or stay
 * where {@code reference} points; either way the SHA-256 binds them to the signed envelope.
 */
public record Component(String name, String mediaType, long size, String sha256, @Nullable URI reference) {

    public boolean inline() {
        return reference == null;
    }
}
