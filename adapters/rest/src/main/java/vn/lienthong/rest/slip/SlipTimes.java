package vn.lienthong.rest.slip;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as the slip prints them, in one zone and on the 24-hour clock: spelled out the way the
 * official form reads ("08 giờ 05 phút, ngày 05 tháng 3 năm 2026"), or compact for the
 * secondary times ("17:00 ngày 05/03/2026").
 */
final class SlipTimes {

    private final ZoneId zone;
    private final DateTimeFormatter compact;

    SlipTimes(ZoneId zone) {
        this.zone = zone;
        this.compact = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy", Locale.ROOT).withZone(zone);
    }

    /**
     * The form's "… giờ … phút, ngày … tháng … năm …". Days below 10 and the months January and
     * February take a leading zero, as Vietnamese administrative documents write dates
     * (Decree 30/2020/NĐ-CP); hours and minutes always have two digits.
     */
    String spelled(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        int month = local.getMonthValue();
        return String.format(Locale.ROOT, "%02d giờ %02d phút, ngày %02d tháng %s năm %d",
                local.getHour(), local.getMinute(), local.getDayOfMonth(),
                month <= 2 ? "0" + month : Integer.toString(month), local.getYear());
    }

    String compact(Instant at) {
        return compact.format(at);
    }
}
