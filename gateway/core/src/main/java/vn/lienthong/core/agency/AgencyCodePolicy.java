package vn.lienthong.core.agency;

import java.util.regex.Pattern;

/**
 * Which agency-code forms this deployment accepts. The default takes the four-part form
 * ({@code 000.00.12.H53}) and the newer left-to-right form ({@code G09.20}).
 */
public final class AgencyCodePolicy {

    /** Four-part QCVN 102 codes, and the newer codes of up to 35 characters that grow left to right. */
    public static final String DEFAULT_PATTERN = "\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}|[A-Z]\\d{2}(\\.[A-Z0-9]{1,8}){0,8}";

    private final Pattern pattern;

    public AgencyCodePolicy(String pattern) {
        this.pattern = Pattern.compile(pattern);
    }

    public boolean accepts(String code) {
        return code.length() <= 35 && AgencyCode.isWellFormed(code) && pattern.matcher(code).matches();
    }

    public String pattern() {
        return pattern.pattern();
    }
}
