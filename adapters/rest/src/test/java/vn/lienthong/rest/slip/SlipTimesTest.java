package vn.lienthong.rest.slip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Times in Asia/Ho_Chi_Minh, on the 24-hour clock, dates written as Vietnamese documents write them. */
class SlipTimesTest {

    private final SlipTimes times = new SlipTimes(ZoneId.of("Asia/Ho_Chi_Minh"));

    @Test
    void spelledLikeTheFormWithLeadingZeroesForSmallDaysAndJanuaryAndFebruary() {
        assertThat(times.spelled(Instant.parse("2026-03-05T01:05:00Z"))).isEqualTo("08 giờ 05 phút, ngày 05 tháng 3 năm 2026");
        assertThat(times.spelled(Instant.parse("2026-02-14T09:30:00Z"))).isEqualTo("16 giờ 30 phút, ngày 14 tháng 02 năm 2026");
        assertThat(times.spelled(Instant.parse("2026-12-31T16:59:00Z"))).isEqualTo("23 giờ 59 phút, ngày 31 tháng 12 năm 2026");
    }

    @Test
    void theLocalDateIsUsedAcrossMidnight() {
        assertThat(times.spelled(Instant.parse("2026-12-31T17:30:00Z"))).isEqualTo("00 giờ 30 phút, ngày 01 tháng 01 năm 2027");
        assertThat(times.compact(Instant.parse("2026-12-31T17:30:00Z"))).isEqualTo("00:30 ngày 01/01/2027");
    }
}
