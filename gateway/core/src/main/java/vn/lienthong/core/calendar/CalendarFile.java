package vn.lienthong.core.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads one year file, named {@code <year>.yaml}. Operators edit these files, so every
 * problem is reported with the file, the entry and what is wrong, and nothing is guessed:
 * an unknown key is an error, not ignored.
 *
 * <pre>
 * year: 2026
 * provisional: false          # true while the government has not announced the year's days off
 * source: "Thông báo 9441/TB-BNV"
 * holidays:
 *   - date: 2026-01-01
 *     name: Tết Dương lịch
 *   - from: 2026-02-14          # inclusive range, weekends included as announced
 *     to: 2026-02-22
 *     name: Tết Nguyên đán Bính Ngọ
 * workdays:                     # compensating workdays: a Saturday or Sunday that is worked
 *   - date: 2026-01-10
 *     name: Làm bù cho ngày nghỉ 02/01/2026
 * </pre>
 */
public final class CalendarFile {

    record Document(@Nullable Integer year, @Nullable Boolean provisional, @Nullable String source,
                    @Nullable List<HolidayEntry> holidays, @Nullable List<WorkdayEntry> workdays) {
    }

    record HolidayEntry(@Nullable LocalDate date, @Nullable LocalDate from, @Nullable LocalDate to,
                        @Nullable String name) {
    }

    record WorkdayEntry(@Nullable LocalDate date, @Nullable String name) {
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern YEAR_FILE = Pattern.compile("(\\d{4})\\.ya?ml");

    private CalendarFile() {
    }

    /** The year in a file on disk; its name must be {@code <year>.yaml}. */
    public static CalendarYear read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw new CalendarFileException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The year in a file read from a stream, such as a classpath resource.
     *
     * @param name the file's name or path, ending in {@code <year>.yaml}; used in messages
     */
    public static CalendarYear read(String name, InputStream in) {
        int expectedYear = yearOfName(name);
        Document document;
        try (JsonParser parser = MAPPER.createParser(in)) {
            if (parser.nextToken() == null) {
                throw new CalendarFileException(name, "the file is empty");
            }
            document = MAPPER.readValue(parser, Document.class);
        } catch (JacksonException e) {
            throw new CalendarFileException(name, describe(e), e);
        }
        if (document == null) {
            throw new CalendarFileException(name, "the file is empty");
        }
        if (document.year() == null) {
            throw new CalendarFileException(name, "'year' is missing");
        }
        int year = document.year();
        if (year != expectedYear) {
            throw new CalendarFileException(name, "it says year " + year + " but is named for " + expectedYear
                    + "; a year file must be named <year>.yaml");
        }
        List<Holiday> holidays = new ArrayList<>();
        List<HolidayEntry> holidayEntries = document.holidays() == null ? List.of() : document.holidays();
        for (int i = 0; i < holidayEntries.size(); i++) {
            holidays.add(holiday(name, "holidays[" + i + "]", holidayEntries.get(i)));
        }
        List<CompensatingWorkday> workdays = new ArrayList<>();
        List<WorkdayEntry> workdayEntries = document.workdays() == null ? List.of() : document.workdays();
        for (int i = 0; i < workdayEntries.size(); i++) {
            workdays.add(workday(name, "workdays[" + i + "]", workdayEntries.get(i)));
        }
        try {
            return new CalendarYear(year, holidays, workdays, Boolean.TRUE.equals(document.provisional()),
                    blankToNull(document.source()));
        } catch (IllegalArgumentException e) {
            throw new CalendarFileException(name, e.getMessage(), e);
        }
    }

    private static int yearOfName(String name) {
        String fileName = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        Matcher matcher = YEAR_FILE.matcher(fileName);
        if (!matcher.matches()) {
            throw new CalendarFileException(name, "a year file must be named <year>.yaml, such as 2026.yaml");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static Holiday holiday(String file, String where, @Nullable HolidayEntry entry) {
        if (entry == null) {
            throw new CalendarFileException(file, where + " is empty");
        }
        String name = blankToNull(entry.name());
        boolean single = entry.date() != null;
        boolean range = entry.from() != null || entry.to() != null;
        LocalDate first = single ? entry.date() : entry.from();
        String label = where + (first == null ? "" : " (" + first + ")");
        if (single == range) {
            throw new CalendarFileException(file, label + ": give either 'date' or both 'from' and 'to'");
        }
        if (range && (entry.from() == null || entry.to() == null)) {
            throw new CalendarFileException(file, label + ": a range needs both 'from' and 'to'");
        }
        if (name == null) {
            throw new CalendarFileException(file, label + ": 'name' is missing");
        }
        try {
            return single ? new Holiday(entry.date(), name) : new Holiday(entry.from(), entry.to(), name);
        } catch (IllegalArgumentException e) {
            throw new CalendarFileException(file, where + ": " + e.getMessage(), e);
        }
    }

    private static CompensatingWorkday workday(String file, String where, @Nullable WorkdayEntry entry) {
        if (entry == null || entry.date() == null) {
            throw new CalendarFileException(file, where + ": 'date' is missing");
        }
        String name = blankToNull(entry.name());
        if (name == null) {
            throw new CalendarFileException(file, where + " (" + entry.date() + "): 'name' is missing");
        }
        try {
            return new CompensatingWorkday(entry.date(), name);
        } catch (IllegalArgumentException e) {
            throw new CalendarFileException(file, where + ": " + e.getMessage(), e);
        }
    }

    private static String describe(JacksonException e) {
        String at = at(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? ""
                    : " (known keys here: " + unknown.getKnownPropertyIds().stream().map(String::valueOf)
                            .sorted().collect(Collectors.joining(", ")) + ")";
            return "unknown key '" + unknown.getPropertyName() + "'" + at + known;
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() == LocalDate.class) {
            return "'" + format.getValue() + "' is not a date of the form YYYY-MM-DD" + at;
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + expected(mismatch.getTargetType()) + at;
        }
        return e.getOriginalMessage() + at;
    }

    private static String expected(Class<?> type) {
        if (List.class.isAssignableFrom(type)) {
            return "a list of entries, each starting with '- '";
        }
        if (type == Integer.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        return type == LocalDate.class ? "a date YYYY-MM-DD" : "keys and values";
    }

    /** " at holidays[1].date, line 12", as much of it as is known. */
    private static String at(JacksonException e) {
        StringBuilder path = new StringBuilder();
        List<JacksonException.Reference> references = e.getPath();
        if (e instanceof UnrecognizedPropertyException && !references.isEmpty()) {
            references = references.subList(0, references.size() - 1);
        }
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        // An unknown key of an entry is found only once the whole entry is read, so the
        // parser's line is past it: name the entry, not a line.
        TokenStreamLocation location = e instanceof UnrecognizedPropertyException ? null : e.getLocation();
        String line = location == null || location.getLineNr() < 0 ? "" : "line " + location.getLineNr();
        if (path.isEmpty() && line.isEmpty()) {
            return "";
        }
        return " at " + path + (path.isEmpty() || line.isEmpty() ? "" : ", ") + line;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
