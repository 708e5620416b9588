package vn.lienthong.core.agency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgencyCodePolicyTest {

    private final AgencyCodePolicy policy = new AgencyCodePolicy(AgencyCodePolicy.DEFAULT_PATTERN);

    @ParameterizedTest
    @ValueSource(strings = {"000.00.00.H53", "000.00.12.H53", "000.17.22.H56", "000.00.00.G22", "G09.20", "G09", "H38.01.ABC"})
    void acceptsTheFourPartAndTheNewerForms(String code) {
        assertThat(policy.accepts(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "000.00.12", "00.00.12.H53", "000.00.12.h53", "NOT.A.CODE", "000-00-12-H53",
            "G09.20.ABCDEFGHIJ", "000.00.12.H53 "})
    void refusesOtherForms(String code) {
        assertThat(policy.accepts(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"X.1", "H53"})
    void aConfiguredPatternReplacesTheDefault(String code) {
        assertThat(new AgencyCodePolicy("[A-Z][0-9.]*|H53").accepts(code)).isTrue();
    }
}
