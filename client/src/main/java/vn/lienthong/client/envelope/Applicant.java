package vn.lienthong.client.envelope;

import org.jspecify.annotations.Nullable;

/** The dossier's applicant (chủ hồ sơ): a name, and what else the sending system knows. */
public record Applicant(String name, @Nullable String identityNumber, @Nullable String address, @Nullable String phone,
                        @Nullable String email) {

    public static Applicant named(String name) {
        return new Applicant(name, null, null, null, null);
    }

    public Applicant identityNumber(String value) {
        return new Applicant(name, value, address, phone, email);
    }

    public Applicant address(String value) {
        return new Applicant(name, identityNumber, value, phone, email);
    }

    public Applicant phone(String value) {
        return new Applicant(name, identityNumber, address, value, email);
    }

    public Applicant email(String value) {
        return new Applicant(name, identityNumber, address, phone, value);
    }
}
