package vn.lienthong.client.edxml;

import org.jspecify.annotations.Nullable;

/**
 * Who signed the paper document ({@code SignerInfo}): the competence under which they sign
 * ({@code KT. GIÁM ĐỐC}, {@code TL. BỘ TRƯỞNG}), their position and full name. Not the
 * XML signature, which is the agency's key.
 */
public record Signer(@Nullable String competence, @Nullable String position, String fullName) {

    public static Signer named(String fullName) {
        return new Signer(null, null, fullName);
    }

    public Signer competence(String signerCompetence) {
        return new Signer(signerCompetence, position, fullName);
    }

    public Signer position(String signerPosition) {
        return new Signer(competence, signerPosition, fullName);
    }
}
