package vn.lienthong.core.agency;

import org.springframework.boot.convert.DurationStyle;

/**
 * A retry policy as people write it, in the registry file and the admin API: durations as in
 * application.yml ({@code 10s}, {@code 30m}) or ISO-8601 ({@code PT10S}).
 */
public record RetrySettings(int maxAttempts, String initialDelay, double multiplier, String maxDelay) {

    public RetryPolicy policy() {
        return new RetryPolicy(maxAttempts, DurationStyle.detectAndParse(initialDelay), multiplier,
                DurationStyle.detectAndParse(maxDelay));
    }

    public static RetrySettings of(RetryPolicy policy) {
        return new RetrySettings(policy.maxAttempts(), policy.initialDelay().toString(), policy.multiplier(),
                policy.maxDelay().toString());
    }
}
