package vn.lienthong.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarFileTest {

    @TempDir
    Path folder;

    @Test
    void shipped2025HasTheAnnouncedDays() {
        CalendarYear year = WorkingCalendarTest.shipped(2025);
        WorkingCalendar calendar = calendarOf(year);

        assertThat(year.provisional()).isFalse();
        assertThat(year.source()).isNotBlank();
        assertOff(calendar, "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
                "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02");
        assertWorked(calendar, "2025-01-24", "2025-02-03", "2025-04-08", "2025-04-26", "2025-04-29", "2025-05-05",
                "2025-08-29", "2025-09-03");
        assertThat(year.workdays()).extracting(CompensatingWorkday::date).containsExactly(LocalDate.parse("2025-04-26"));
        assertThat(offWeekdays(calendar, 2025)).as("weekdays off in 2025").isEqualTo(1 + 5 + 1 + 3 + 2 - 1);
    }

    @Test
    void shipped2026HasTheExpectedDays() {
        CalendarYear year = WorkingCalendarTest.shipped(2026);
        WorkingCalendar calendar = calendarOf(year);

        assertThat(year.provisional()).as("the National Day arrangement is still to be checked").isTrue();
        assertOff(calendar, "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
                "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02");
        assertWorked(calendar, "2026-01-10", "2026-02-13", "2026-02-23", "2026-04-24", "2026-04-28", "2026-05-04",
                "2026-09-03");
        assertThat(calendar.holidayOn(LocalDate.parse("2026-04-26"))).get().extracting(Holiday::name).asString()
                .contains("Hùng Vương");
        assertThat(offWeekdays(calendar, 2026)).as("weekdays off in 2026").isEqualTo(2 - 1 + 5 + 1 + 2 + 2);
    }

    @Test
    void shipped2027FollowsTheLawAndTheLunarCalendar() {
        CalendarYear year = WorkingCalendarTest.shipped(2027);
        WorkingCalendar calendar = calendarOf(year);

        assertThat(year.provisional()).isTrue();
        assertOff(calendar, "2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
                "2027-04-16", "2027-04-30", "2027-05-03", "2027-09-02", "2027-09-03");
        assertWorked(calendar, "2027-02-04", "2027-02-12", "2027-04-15", "2027-05-04", "2027-09-01");
        assertThat(offWeekdays(calendar, 2027)).as("11 statutory days, every one a weekday or made up for")
                .isEqualTo(1 + 5 + 1 + 2 + 2);
    }

    @Test
    void readsAFileOnDisk() throws IOException {
        CalendarYear year = CalendarFile.read(write("2031.yaml", """
                year: 2031
                provisional: true
                source: "test"
                holidays:
                  - date: 2031-01-01
                    name: Tết Dương lịch
                  - from: 2031-01-22
                    to: 2031-01-28
                    name: Tết Nguyên đán
                workdays:
                  - date: 2031-01-18
                    name: Làm bù
                """));

        assertThat(year.year()).isEqualTo(2031);
        assertThat(year.provisional()).isTrue();
        assertThat(year.holidays()).containsExactly(new Holiday(LocalDate.parse("2031-01-01"), "Tết Dương lịch"),
                new Holiday(LocalDate.parse("2031-01-22"), LocalDate.parse("2031-01-28"), "Tết Nguyên đán"));
        assertThat(year.workdays()).containsExactly(new CompensatingWorkday(LocalDate.parse("2031-01-18"), "Làm bù"));
    }

    @Test
    void aYearWithNothingButItsNumberIsValid() {
        CalendarYear year = read("2031.yaml", "year: 2031\n");
        assertThat(year.holidays()).isEmpty();
        assertThat(year.workdays()).isEmpty();
        assertThat(year.provisional()).isFalse();
    }

    @Test
    void unknownKeyIsRefusedByName() {
        refused("2031.yaml", """
                year: 2031
                holidays:
                  - date: 2031-01-01
                    nmae: Tết Dương lịch
                """).hasMessageContaining("unknown key 'nmae' at holidays[0]").hasMessageContaining("known keys here: date, from, name, to");
        refused("2031.yaml", "year: 2031\nprovisonal: true\n").hasMessageContaining("unknown key 'provisonal'");
    }

    @Test
    void dateOutsideTheYearIsRefused() {
        refused("2031.yaml", """
                year: 2031
                holidays:
                  - date: 2030-12-31
                    name: Tết Dương lịch
                """).hasMessageContaining("2030-12-31 is outside the year 2031");
        refused("2031.yaml", """
                year: 2031
                workdays:
                  - date: 2032-01-03
                    name: Làm bù
                """).hasMessageContaining("2032-01-03 is outside the year 2031");
    }

    @Test
    void fromAfterToIsRefused() {
        refused("2031.yaml", """
                year: 2031
                holidays:
                  - from: 2031-01-28
                    to: 2031-01-22
                    name: Tết Nguyên đán
                """).hasMessageContaining("holidays[0]").hasMessageContaining("from 2031-01-28 is after to 2031-01-22");
    }

    @Test
    void aCompensatingWorkdayMustBeAWeekendDay() {
        refused("2031.yaml", """
                year: 2031
                workdays:
                  - date: 2031-01-17
                    name: Làm bù
                """).hasMessageContaining("workdays[0]").hasMessageContaining("2031-01-17 is a FRIDAY");
    }

    @Test
    void aDayCannotBeBothOffAndWorked() {
        refused("2031.yaml", """
                year: 2031
                holidays:
                  - from: 2031-01-18
                    to: 2031-01-26
                    name: Tết Nguyên đán
                workdays:
                  - date: 2031-01-25
                    name: Làm bù
                """).hasMessageContaining("2031-01-25").hasMessageContaining("cannot be both");
    }

    @Test
    void everyEntryNeedsAName() {
        refused("2031.yaml", """
                year: 2031
                holidays:
                  - date: 2031-01-01
                """).hasMessageContaining("holidays[0] (2031-01-01): 'name' is missing");
        refused("2031.yaml", """
                year: 2031
                workdays:
                  - date: 2031-01-18
                    name: " "
                """).hasMessageContaining("workdays[0] (2031-01-18): 'name' is missing");
    }

    @Test
    void theYearMustMatchTheFileName() {
        refused("2031.yaml", "year: 2032\n").hasMessageContaining("says year 2032 but is named for 2031");
        refused("lich-2031.yaml", "year: 2031\n").hasMessageContaining("must be named <year>.yaml");
        refused("2031.yaml", "provisional: true\n").hasMessageContaining("'year' is missing");
    }

    @Test
    void malformedEntriesAreRefusedPrecisely() {
        refused("2031.yaml", """
                year: 2031
                holidays:
                  - date: 2031-1-5
                    name: Tết
                """).hasMessageContaining("'2031-1-5' is not a date of the form YYYY-MM-DD at holidays[0].date, line 3");
        refused("2031.yaml", """
                year: 2031
                holidays:
                  - date: 2031-01-01
                    from: 2031-01-01
                    to: 2031-01-02
                    name: Tết
                """).hasMessageContaining("either 'date' or both 'from' and 'to'");
        refused("2031.yaml", """
                year: 2031
                holidays:
                  - from: 2031-01-01
                    name: Tết
                """).hasMessageContaining("needs both 'from' and 'to'");
        refused("2031.yaml", """
                year: 2031
                holidays:
                  - date: 2031-01-01
                    name: Tết
                    name: Tết Dương lịch
                """).hasMessageContaining("Duplicate").hasMessageContaining("\"name\" at holidays[0]");
        refused("2031.yaml", "year: 2031\nholidays: 5\n").hasMessageContaining("expected a list of entries")
                .hasMessageContaining("at holidays, line 2");
        refused("2031.yaml", "# only a comment\n").hasMessageContaining("the file is empty");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = folder.resolve("2031.yaml");
        assertThatThrownBy(() -> CalendarFile.read(missing)).isInstanceOf(CalendarFileException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("cannot be read");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String name, String yaml) {
        return assertThatThrownBy(() -> read(name, yaml)).isInstanceOf(CalendarFileException.class)
                .hasMessageContaining(name);
    }

    private static CalendarYear read(String name, String yaml) {
        return CalendarFile.read(name, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(folder.resolve(name), yaml);
    }

    private static WorkingCalendar calendarOf(CalendarYear year) {
        return new WorkingCalendar(WorkingCalendarTest.VIETNAM, WorkingCalendarTest.HOURS, LocalTime.of(15, 0), List.of(year));
    }

    private static void assertOff(WorkingCalendar calendar, String... dates) {
        Stream.of(dates).map(LocalDate::parse).forEach(date -> {
            assertThat(calendar.isWorkingDay(date)).as("%s is off", date).isFalse();
            assertThat(calendar.holidayOn(date)).as("%s has a holiday", date).isPresent();
        });
    }

    private static void assertWorked(WorkingCalendar calendar, String... dates) {
        Stream.of(dates).map(LocalDate::parse)
                .forEach(date -> assertThat(calendar.isWorkingDay(date)).as("%s is worked", date).isTrue());
    }

    /** Weekdays off in the year, less the weekend days worked in exchange. */
    private static long offWeekdays(WorkingCalendar calendar, int year) {
        long off = 0;
        for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            if (!weekend && !calendar.isWorkingDay(day)) {
                off++;
            } else if (weekend && calendar.isWorkingDay(day)) {
                off--;
            }
        }
        return off;
    }
}
