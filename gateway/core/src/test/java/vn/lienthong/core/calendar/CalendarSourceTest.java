package vn.lienthong.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped years overlaid with operators' files, and their reload; file times are set, not waited for. */
class CalendarSourceTest {

    static final LocalDate NEW_YEAR = LocalDate.parse("2031-01-01");
    static final LocalDate TET = LocalDate.parse("2031-01-23");
    static final LocalDate HUNG_KINGS = LocalDate.parse("2031-04-02");

    /** As if shipped: 2031 knows only New Year's Day. */
    static final List<CalendarYear> SHIPPED = List.of(new CalendarYear(2031,
            List.of(new Holiday(NEW_YEAR, "Tết Dương lịch")), List.of(), true, "shipped"));

    @TempDir
    Path directory;

    Instant clock = Instant.parse("2031-01-01T00:00:00Z");

    @Test
    void theShippedYearsAreFoundOnTheClasspath() {
        assertThat(CalendarConfiguration.shippedYears()).extracting(CalendarYear::year)
                .containsExactlyInAnyOrder(2025, 2026, 2027);
    }

    @Test
    void withoutADirectoryTheShippedYearsApply() {
        CalendarSource source = source(directory.resolve("not-there"));

        assertThat(source.current().isWorkingDay(NEW_YEAR)).isFalse();
        assertThat(source.problems()).isEmpty();
        assertThat(source.reload()).isFalse();
    }

    @Test
    void anOperatorFileReplacesTheShippedYearWholesale() throws IOException {
        write("2031.yaml", tet());
        write("README.txt", "not a year file");
        write("2031.yaml.bak", "year: [ broken");

        WorkingCalendar calendar = source(directory).current();

        assertThat(calendar.isWorkingDay(TET)).isFalse();
        assertThat(calendar.isWorkingDay(NEW_YEAR)).as("not in the operator's file").isTrue();
        assertThat(calendar.year(2031)).get().extracting(CalendarYear::source).isEqualTo("operator");
    }

    @Test
    void anOperatorFileMayAddAYear() throws IOException {
        write("2032.yaml", "year: 2032\nholidays:\n  - date: 2032-01-01\n    name: Tết Dương lịch\n");
        CalendarSource source = source(directory);

        assertThat(source.current().covers(2032)).isTrue();
        assertThat(source.current().isWorkingDay(LocalDate.parse("2032-01-01"))).isFalse();
        assertThat(source.current().isWorkingDay(NEW_YEAR)).as("the shipped 2031 still applies").isFalse();
    }

    @Test
    void reloadPicksUpAChangedFile() throws IOException {
        write("2031.yaml", tet());
        CalendarSource source = source(directory);
        assertThat(source.current().isWorkingDay(HUNG_KINGS)).isTrue();

        write("2031.yaml", tet() + "  - date: 2031-04-02\n    name: Giỗ Tổ Hùng Vương\n");

        assertThat(source.reload()).isTrue();
        assertThat(source.current().isWorkingDay(HUNG_KINGS)).isFalse();
        assertThat(source.current().isWorkingDay(TET)).isFalse();
        assertThat(source.reload()).as("nothing changed since").isFalse();
    }

    @Test
    void aBrokenFileKeepsThePreviousVersionAndIsReported() throws IOException {
        write("2031.yaml", tet());
        CalendarSource source = source(directory);
        WorkingCalendar before = source.current();

        write("2031.yaml", tet().replace("from: 2031-01-22", "from: 2031-01-29"));
        source.reload();

        assertThat(source.current().isWorkingDay(TET)).as("the previous operator version").isFalse();
        assertThat(source.current().isWorkingDay(NEW_YEAR)).as("not the shipped year").isTrue();
        assertThat(source.current().isWorkingDay(TET)).isEqualTo(before.isWorkingDay(TET));
        assertThat(source.problems()).singleElement().asString()
                .contains(directory.resolve("2031.yaml").toString()).contains("from 2031-01-29 is after to 2031-01-28");

        write("2031.yaml", tet());
        assertThat(source.reload()).isTrue();
        assertThat(source.problems()).as("fixed").isEmpty();
    }

    @Test
    void aBrokenFileAtStartLeavesTheShippedYear() throws IOException {
        write("2031.yaml", "year: 2031\nholidays:\n  - date: 2031-01-23\n    nmae: Tết\n");
        CalendarSource source = source(directory);

        assertThat(source.current().isWorkingDay(NEW_YEAR)).isFalse();
        assertThat(source.current().isWorkingDay(TET)).isTrue();
        assertThat(source.problems()).singleElement().asString().contains("2031.yaml").contains("unknown key 'nmae'");
    }

    @Test
    void aRemovedFileGivesTheShippedYearBack() throws IOException {
        Path file = write("2031.yaml", tet());
        CalendarSource source = source(directory);
        assertThat(source.current().isWorkingDay(NEW_YEAR)).isTrue();

        Files.delete(file);

        assertThat(source.reload()).isTrue();
        assertThat(source.current().isWorkingDay(NEW_YEAR)).isFalse();
        assertThat(source.current().isWorkingDay(TET)).isTrue();
    }

    @Test
    void uncoveredYearsAreReported() {
        CalendarSource source = source(null);

        assertThat(source.warnIfUncovered(2031)).isTrue();
        assertThat(source.warnIfUncovered(2040)).isFalse();
        assertThat(source.warnIfUncovered(2040)).as("warned once, still uncovered").isFalse();
    }

    private CalendarSource source(Path folder) {
        return new CalendarSource(WorkingCalendarTest.VIETNAM, WorkingCalendarTest.HOURS, LocalTime.of(15, 0), SHIPPED,
                folder);
    }

    /** Writes the file with a modification time later than any before, as an editor saving it would. */
    private Path write(String name, String content) throws IOException {
        Path file = Files.writeString(directory.resolve(name), content);
        clock = clock.plusSeconds(60);
        Files.setLastModifiedTime(file, FileTime.from(clock));
        return file;
    }

    private static String tet() {
        return """
                year: 2031
                provisional: false
                source: operator
                holidays:
                  - from: 2031-01-22
                    to: 2031-01-28
                    name: Tết Nguyên đán Tân Hợi
                """;
    }
}
