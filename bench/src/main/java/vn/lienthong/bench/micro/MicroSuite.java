package vn.lienthong.bench.micro;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the microbenchmarks and prints one table: each step's time per operation and its
 * ratio to the raw floor it is built on, measured in the same run.
 *
 * <pre>
 * java -jar bench/target/lienthong-bench.jar [--quick] [--postgres-url URL] [--include REGEX]
 *      [--broker-timeouts gateway,3333333,...]
 * </pre>
 */
public final class MicroSuite {

    private MicroSuite() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String postgres = null;
        String include = "vn\\.lienthong\\.(bench\\.micro|broker)\\..*";
        String brokerTimeouts = "gateway";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--postgres-url" -> postgres = args[++i];
                case "--include" -> include = args[++i];
                case "--broker-timeouts" -> brokerTimeouts = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<String> jvmArgs = new ArrayList<>(List.of("-Xms512m", "-Xmx512m"));
        if (postgres != null) {
            jvmArgs.add("-Dbench.postgres.url=" + postgres);
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .warmupIterations(quick ? 2 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 3 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .param("database", postgres == null ? new String[] {"h2"} : new String[] {"h2", "postgres"})
                .param("journalBufferTimeout", brokerTimeouts.split(","));
        Collection<RunResult> results = new Runner(options.build()).run();
        print(results);
    }

    private record Row(String name, String params, double micros, double error) {
    }

    private static void print(Collection<RunResult> results) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            List<String> params = new ArrayList<>();
            for (String key : result.getParams().getParamsKeys()) {
                params.add(key + "=" + result.getParams().getParam(key));
            }
            String label = String.join(",", params);
            var score = result.getPrimaryResult();
            rows.put(name + (label.isEmpty() ? "" : "[" + label + "]"),
                    new Row(name, label, score.getScore(), score.getScoreError()));
        }
        double rsaVerify = find(rows, "RawFloorBenchmarks.rsaVerify");
        double rsaSign = find(rows, "RawFloorBenchmarks.rsaSign");
        double brokerSend = find(rows, "ArtemisSendFloor.persistentSend[journalBufferTimeout=gateway]");
        System.out.println();
        System.out.println("lienthong microbenchmarks (average time per operation, one thread unless named)");
        System.out.printf(Locale.ROOT, "%-62s %12s %10s  %s%n", "benchmark", "us/op", "± error", "ratio to floor");
        for (var entry : rows.entrySet()) {
            Row row = entry.getValue();
            String ratio = ratio(row, rsaVerify, rsaSign, brokerSend);
            System.out.printf(Locale.ROOT, "%-62s %12.1f %10.1f  %s%n", entry.getKey(), row.micros(), row.error(), ratio);
        }
    }

    private static String ratio(Row row, double rsaVerify, double rsaSign, double brokerSend) {
        String name = row.name();
        if (name.endsWith("verifySignature")) {
            return of(row.micros(), rsaVerify, "RSA verify");
        }
        if (name.endsWith("signReceipt")) {
            return of(row.micros(), rsaSign, "RSA sign");
        }
        if (name.startsWith("EnvelopePathBenchmarks.")) {
            return of(row.micros(), rsaVerify + rsaSign, "RSA verify + sign");
        }
        if (name.startsWith("PersistenceBenchmarks.") || name.startsWith("ArtemisSendFloor.")) {
            return of(row.micros(), brokerSend, "Artemis send (gateway settings)");
        }
        return "floor";
    }

    private static String of(double value, double floor, String what) {
        return Double.isNaN(floor) ? "" : String.format(Locale.ROOT, "%.2f x %s", value / floor, what);
    }

    private static double find(Map<String, Row> rows, String key) {
        Row row = rows.get(key);
        return row == null ? Double.NaN : row.micros();
    }
}
