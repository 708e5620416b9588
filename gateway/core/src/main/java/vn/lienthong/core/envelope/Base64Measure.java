package vn.lienthong.core.envelope;

import java.security.MessageDigest;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Decodes base64 text that arrives in pieces, keeping only its size and SHA-256: how a large
 * component is checked without holding its content. As strict as decoding it whole.
 */
final class Base64Measure {

    private static final int BATCH = 64 * 1024;

    private final MessageDigest digest = ComponentContent.sha256();
    private final StringBuilder pending = new StringBuilder();
    private long size;
    private boolean padded;
    private @Nullable String error;

    void accept(char[] text, int start, int length) {
        for (int i = start; i < start + length && error == null; i++) {
            char c = text[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (padded) {
                error = "data after the padding";
            }
            pending.append(c);
            if (pending.length() >= BATCH) {
                decode(pending.length() - pending.length() % 4);
            }
        }
    }

    ComponentContent.Measured finish() {
        if (error == null) {
            decode(pending.length());
        }
        return error != null ? new ComponentContent.Measured(0, "", error)
                : new ComponentContent.Measured(size, Base64.getEncoder().encodeToString(digest.digest()), null);
    }

    private void decode(int count) {
        try {
            String chunk = pending.substring(0, count);
            byte[] bytes = Base64.getDecoder().decode(chunk);
            digest.update(bytes);
            size += bytes.length;
            padded = chunk.endsWith("=");
            pending.delete(0, count);
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }
    }
}
