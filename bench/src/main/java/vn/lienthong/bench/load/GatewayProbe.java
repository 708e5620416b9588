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

/**
 * Reads the gateway's own CPU time and heap: from /proc/&lt;pid&gt; when the gateway's process
 * id is known (exact CPU time), else from /actuator/prometheus (process_cpu_usage sampled, the
 * heap's jvm_memory_used_bytes summed).
 */
final class GatewayProbe {

    /** One reading: the gateway's CPU seconds so far (NaN if unknown) and heap bytes in use. */
    record Reading(long atNanos, double cpuSeconds, double cpuUsage, double heapBytes) {
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
        return new Reading(System.nanoTime(), cpuSeconds, sum(metrics, "process_cpu_usage", ""),
                sum(metrics, "jvm_memory_used_bytes", "area=\"heap\""));
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

    /** utime + stime of the process, in clock ticks (100 per second on Linux). */
    private double procCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
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
