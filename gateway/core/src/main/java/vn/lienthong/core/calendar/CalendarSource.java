package vn.lienthong.core.calendar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calendar in force: the years shipped with the gateway, each replaced wholesale by an
 * operator's {@code <year>.yaml} in the calendar directory when there is one. Operators edit
 * those files while the gateway runs, so {@link #reload()} picks up changed files (by
 * modification time and size). A file that cannot be used leaves the year as it was (the
 * operator's previous version, or the shipped year) and is reported in {@link #problems()}
 * and logged at ERROR once per change, so a typo never takes holidays away.
 */
public final class CalendarSource {

    private record Stamp(FileTime modified, long size) {
    }

    /** An operator file as last read: its year as last read successfully, and what is wrong with it now. */
    private record OperatorFile(Stamp stamp, @Nullable CalendarYear year, @Nullable String problem) {
    }

    private static final Logger log = LoggerFactory.getLogger(CalendarSource.class);
    private static final Pattern YEAR_FILE = Pattern.compile("\\d{4}\\.yaml");

    private final ZoneId zone;
    private final WorkingHours hours;
    private final @Nullable LocalTime cutOff;
    private final Map<Integer, CalendarYear> shipped = new TreeMap<>();
    private final @Nullable Path directory;
    private final Map<Path, OperatorFile> files = new HashMap<>();
    private final Set<Integer> warnedUncovered = ConcurrentHashMap.newKeySet();
    private @Nullable String directoryProblem;
    private volatile List<String> problems = List.of();
    private volatile WorkingCalendar current;

    /**
     * Builds the calendar from the shipped years and the directory's files, and logs the years
     * in force, provisional ones at INFO.
     *
     * @param directory the operators' calendar folder; null or missing: the shipped years only
     */
    public CalendarSource(ZoneId zone, WorkingHours hours, @Nullable LocalTime cutOff, Collection<CalendarYear> shipped,
                          @Nullable Path directory) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.hours = Objects.requireNonNull(hours, "hours");
        this.cutOff = cutOff;
        for (CalendarYear year : shipped) {
            if (this.shipped.put(year.year(), year) != null) {
                throw new IllegalArgumentException("the year " + year.year() + " is shipped twice");
            }
        }
        this.directory = directory;
        this.current = new WorkingCalendar(zone, hours, cutOff, this.shipped.values());
        reload();
        logYearsInForce();
    }

    /** The calendar in force now; take it once per computation so that a reload does not split it. */
    public WorkingCalendar current() {
        return current;
    }

    /** What is wrong with the operator files now, one line each naming the file; empty when nothing is. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Whether the calendar knows the year's holidays; when it does not, warns once per year that
     * deadlines in it count Monday to Friday without holidays.
     */
    public boolean warnIfUncovered(int year) {
        if (current.covers(year)) {
            return true;
        }
        if (warnedUncovered.add(year)) {
            log.warn("no calendar file for {}: deadlines in {} count every Monday to Friday as a working day, "
                    + "without holidays; add {}.yaml to {}", year, year, year,
                    directory == null ? "lienthong.calendar.directory" : directory);
        }
        return false;
    }

    /**
     * Reads the directory's year files that are new or changed since the last call, drops the
     * removed ones, and rebuilds the calendar if anything changed.
     *
     * @return true if the calendar was rebuilt
     */
    public synchronized boolean reload() {
        Map<Path, Stamp> found = scan();
        if (found == null) {
            return false;
        }
        boolean changed = files.keySet().removeIf(path -> {
            if (found.containsKey(path)) {
                return false;
            }
            log.info("calendar file {} removed; the shipped data applies to its year again", path);
            return true;
        });
        for (Map.Entry<Path, Stamp> entry : found.entrySet()) {
            OperatorFile previous = files.get(entry.getKey());
            if (previous == null || !previous.stamp().equals(entry.getValue())) {
                files.put(entry.getKey(), read(entry.getKey(), entry.getValue(), previous));
                changed = true;
            }
        }
        if (changed) {
            rebuild();
        }
        return changed;
    }

    /** The year files in the directory with their stamps; empty when there is no directory; null when it cannot be listed. */
    private @Nullable Map<Path, Stamp> scan() {
        Map<Path, Stamp> found = new HashMap<>();
        if (directory == null || !Files.isDirectory(directory)) {
            directoryListed();
            return found;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path path : entries.filter(p -> YEAR_FILE.matcher(p.getFileName().toString()).matches()).toList()) {
                try {
                    found.put(path, new Stamp(Files.getLastModifiedTime(path), Files.size(path)));
                } catch (NoSuchFileException e) {
                    // removed while listing: treated as removed
                }
            }
            directoryListed();
            return found;
        } catch (IOException e) {
            String problem = "calendar directory " + directory + " cannot be listed: " + e.getMessage();
            if (!problem.equals(directoryProblem)) {
                log.error("{}; the calendar stays as it was", problem);
                directoryProblem = problem;
                problems = problemList();
            }
            return null;
        }
    }

    private void directoryListed() {
        if (directoryProblem != null) {
            log.info("calendar directory {} can be listed again", directory);
            directoryProblem = null;
            problems = problemList();
        }
    }

    private OperatorFile read(Path path, Stamp stamp, @Nullable OperatorFile previous) {
        CalendarYear kept = previous == null ? null : previous.year();
        try {
            CalendarYear year = CalendarFile.read(path);
            log.info("calendar year {} now from {}{}", year.year(), path, year.provisional() ? " (provisional)" : "");
            return new OperatorFile(stamp, year, null);
        } catch (CalendarFileException e) {
            int year = Integer.parseInt(path.getFileName().toString().substring(0, 4));
            log.error("{}; {} keeps {}", e.getMessage(), year, kept != null ? "the previous version of this file"
                    : shipped.containsKey(year) ? "the data shipped with the gateway" : "no holidays at all");
            return new OperatorFile(stamp, kept, e.getMessage());
        }
    }

    private void rebuild() {
        Map<Integer, CalendarYear> years = new TreeMap<>(shipped);
        files.values().stream().map(OperatorFile::year).filter(Objects::nonNull).forEach(year -> years.put(year.year(), year));
        current = new WorkingCalendar(zone, hours, cutOff, years.values());
        problems = problemList();
    }

    private List<String> problemList() {
        List<String> list = new ArrayList<>();
        if (directoryProblem != null) {
            list.add(directoryProblem);
        }
        files.values().stream().map(OperatorFile::problem).filter(Objects::nonNull).sorted().forEach(list::add);
        return List.copyOf(list);
    }

    private void logYearsInForce() {
        WorkingCalendar calendar = current;
        Map<Integer, String> origins = new TreeMap<>();
        shipped.keySet().forEach(year -> origins.put(year, "shipped"));
        files.forEach((path, file) -> {
            if (file.year() != null) {
                origins.put(file.year().year(), path.toString());
            }
        });
        log.info("working-time calendar: zone {}, hours {}, cut-off {}, years {}, operator files in {}", zone, hours,
                cutOff == null ? "none" : cutOff, origins, directory == null ? "(none)" : directory);
        for (int year : origins.keySet()) {
            calendar.year(year).filter(CalendarYear::provisional).ifPresent(provisional -> log.info(
                    "calendar year {} is provisional: its days off are expected, not yet announced ({}); "
                            + "check them and update {}.yaml when the government announces them", year,
                    provisional.source() == null ? "no source given" : provisional.source(), year));
        }
    }
}
