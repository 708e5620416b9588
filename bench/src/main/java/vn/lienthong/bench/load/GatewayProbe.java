package vn.lienthong.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * Reads the gateway's own CPU time and heap: from /proc/&lt;pid&gt; when the gateway's process
 * id is known (exact CPU time), else from /actuator/prometheus (process_cpu_usage sampled, the
 * heap's jvm_memory_used_bytes summed). Also the JIT compilers' time, which tells whether a
 * window measured warm code: compiling costs the gateway's CPU as much as serving does, and a
 * window in which C2 still compiles the hot paths measures neither steady state nor the code it
 * will run. With the process id it is the CPU time of the compiler threads (/proc/&lt;pid&gt;/task);
 * without, jvm_compilation_time_ms_total, which is elapsed time and so overstates the CPU when
 * the compilers wait for a core.
 */
final class GatewayProbe {

    /**
     * One reading: the gateway's CPU seconds so far (NaN if unknown), heap bytes in use, and the
     * seconds its JIT compilers have spent so far (NaN if unknown).
     */
    record Reading(long atNanos, double cpuSeconds, double cpuUsage, double heapBytes, double jitSeconds) {
    }

    private static final double CLOCK_TICKS = 100.0;

    private final URI prometheus;
    private final Long pid;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    GatewayProbe(URI gateway, Long pid) {
        this.prometheus = gateway.resolve("/actuator/prometheus");
        this.pid = pid;
    }

    Reading read() {
        String metrics = scrape();
        double cpuSeconds = pid == null ? sum(metrics, "process_cpu_time_ns_total", "") / 1e9 : procCpuSeconds();
        double jitSeconds = pid == null ? sum(metrics, "jvm_compilation_time_ms_total", "") / 1e3 : procCompilerSeconds();
        return new Reading(System.nanoTime(), cpuSeconds, sum(metrics, "process_cpu_usage", ""),
                sum(metrics, "jvm_memory_used_bytes", "area=\"heap\""), jitSeconds);
    }

    private String scrape() {
        try {
            return http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** utime + stime of the process. */
    private double procCpuSeconds() {
        try {
            return cpuSeconds(Files.readString(Path.of("/proc", pid.toString(), "stat")));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * utime + stime of HotSpot's compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"). A
     * compiler thread HotSpot retires takes its time with it, so a window may undercount a little.
     */
    private double procCompilerSeconds() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", pid.toString(), "task"))) {
            return tasks.mapToDouble(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    return name.matches("C[12] CompilerThre.*") ? cpuSeconds(stat) : 0;
                } catch (IOException e) {
                    return 0; // the thread ended between the listing and the read
                }
            }).sum();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Fields 14 and 15 of a stat line, in clock ticks (100 per second on Linux). */
    private static double cpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
    }

    private static double sum(String metrics, String name, String label) {
        OptionalDouble total = metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .reduce(Double::sum);
        return total.orElse(Double.NaN);
    }
}
