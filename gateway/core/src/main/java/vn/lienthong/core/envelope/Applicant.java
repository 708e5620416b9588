package vn.lienthong.core.envelope;

import org.jspecify.annotations.Nullable;

/** Chủ hồ sơ: the citizen or business the dossier belongs to. */
public record Applicant(String name, @Nullable String identityNumber, @Nullable String address,
                        @Nullable String phone, @Nullable String email) {
}
