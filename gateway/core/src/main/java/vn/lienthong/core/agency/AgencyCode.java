package vn.lienthong.core.agency;

import java.util.regex.Pattern;

/**
 * An agency's electronic identifier (mã định danh), such as {@code 000.00.12.H53}. Only the
 * alphabet and length are fixed here; the form a deployment accepts is the configured
 * {@link AgencyCodePolicy}. No behaviour is ever derived from the digits.
 */
public record AgencyCode(String value) implements Comparable<AgencyCode> {

    private static final Pattern ALPHABET = Pattern.compile("[A-Z0-9][A-Z0-9.]{0,34}");

    public AgencyCode {
        if (!ALPHABET.matcher(value).matches()) {
            throw new IllegalArgumentException("not an agency code: " + value);
        }
    }

    public static AgencyCode of(String value) {
        return new AgencyCode(value);
    }

    public static boolean isWellFormed(String value) {
        return ALPHABET.matcher(value).matches();
    }

    @Override
    public int compareTo(AgencyCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
