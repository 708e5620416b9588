package vn.lienthong.bench.load;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import vn.lienthong.bench.DossierEnvelopes;
import vn.lienthong.client.EnvelopeSigning;
import vn.lienthong.signature.SigningKey;

/**
 * Drives a running gateway (it starts nothing but the recipient's endpoint) with signed dossier
 * hand-offs of about 5 KB from several demo agencies to the demo's push agency, whose endpoint
 * it serves itself and which takes every push, or spread over several push agencies it
 * registers for the run with the same endpoint ({@code --recipients}, the demo admin's token);
 * at a fixed rate or flat out; and reports
 * throughput, accept latency, accept-to-delivered latency, the gateway's CPU and heap, and
 * errors by code. Envelopes are signed before the run, so signing costs the gateway's CPU nothing.
 *
 * <pre>
 * java -cp bench/target/lienthong-bench.jar vn.lienthong.bench.load.LoadGenerator
 *      [--gateway http://localhost:8080] [--data-dir data] [--rate 500 | --rate 0 (flat out)]
 *      [--duration 60] [--warmup 15] [--concurrency 64] [--gateway-pid PID]
 *      [--senders 000.00.01.H53,000.00.05.H53] [--recipient 000.01.12.H53] [--recipients 1]
 *      [--receiver-port 8091]
 * </pre>
 */
public final class LoadGenerator {

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** One envelope's times: sent, accepted (answer received) and delivered (pushed to us), 0 until known. */
    private static final class Timing {
        final long sent;
        volatile long accepted;
        volatile long delivered;
        final boolean measured;

        Timing(long sent, boolean measured) {
            this.sent = sent;
            this.measured = measured;
        }
    }

    private record Sender(String agency, String token, byte[][] envelopes, String[] ids) {
    }

    private final Options options;
    private final HttpClient http;
    private final Map<String, Timing> timings = new ConcurrentHashMap<>();
    private final ConcurrentHistogram acceptLatency = new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);
    private final ConcurrentHistogram deliveryLatency = new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pauses = Executors.newSingleThreadScheduledExecutor(
            task -> daemon(task, "load-pause"));
    private final AtomicLong acceptedInWindow = new AtomicLong();
    private final AtomicLong deliveredInWindow = new AtomicLong();
    private final AtomicLong deliveredMeasured = new AtomicLong();
    private final AtomicLong sentMeasured = new AtomicLong();
    private final AtomicLong acceptedMeasured = new AtomicLong();
    private final AtomicLong acceptedInRun = new AtomicLong();
    private final AtomicLong deliveredInRun = new AtomicLong();
    private List<String> recipients = List.of();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    private LoadGenerator(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4, task -> daemon(task, "load-http")))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The generator's own threads must not keep it alive once it has reported. */
    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    public static void main(String[] args) throws Exception {
        new LoadGenerator(Options.parse(args)).run();
    }

    private void run() throws Exception {
        int total = options.envelopeCount();
        recipients = registerRecipients();
        System.out.printf(Locale.ROOT, "signing %d envelopes from %s for %s before the run...%n", total,
                options.senders, recipients);
        long signingStarted = System.nanoTime();
        List<Sender> senders = sign(total);
        System.out.printf(Locale.ROOT, "signed in %.1f s%n", (System.nanoTime() - signingStarted) / 1e9);
        GatewayProbe probe = new GatewayProbe(URI.create(options.gateway), options.gatewayPid);
        try (Receiver receiver = new Receiver(options.receiverPort, "/lienthong/deliveries", this::delivered)) {
            long started = System.nanoTime();
            windowStart = started + TimeUnit.SECONDS.toNanos(options.warmupSeconds);
            windowEnd = windowStart + TimeUnit.SECONDS.toNanos(options.durationSeconds);
            Sampler sampler = new Sampler(probe, windowStart, windowEnd);
            Thread sampling = new Thread(sampler, "gateway-probe");
            sampling.setDaemon(true);
            sampling.start();
            GatewayProbe.Reading beforeRun = probe.read();
            long clientCpuStart = clientCpuNanos();
            drive(senders, started);
            long clientCpu = clientCpuNanos() - clientCpuStart;
            awaitDeliveries();
            GatewayProbe.Reading afterRun = probe.read();
            sampling.interrupt();
            report(sampler, clientCpu);
            reportWholeRun(beforeRun, afterRun);
        }
    }

    private List<Sender> sign(int total) throws Exception {
        Path demo = Path.of(options.dataDir, "demo");
        String run = String.format(Locale.ROOT, "%08d", new Random().nextInt(100_000_000));
        List<Sender> senders = new ArrayList<>();
        int perSender = (total + options.senders.size() - 1) / options.senders.size();
        ExecutorService signers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        for (int s = 0; s < options.senders.size(); s++) {
            String agency = options.senders.get(s);
            SigningKey key = SigningKey.fromPkcs12(demo.resolve(agency).resolve("signing-key.p12"), "demo".toCharArray());
            String token = Files.readString(demo.resolve(agency).resolve("api-token"), StandardCharsets.UTF_8).strip();
            byte[][] envelopes = new byte[perSender][];
            String[] ids = new String[perSender];
            DossierEnvelopes template = new DossierEnvelopes(s);
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            int chunk = 500;
            for (int from = 0; from < perSender; from += chunk) {
                int start = from;
                int end = Math.min(perSender, from + chunk);
                int sender = s;
                work.add(signers.submit(() -> {
                    EnvelopeSigning signing = new EnvelopeSigning(key);
                    for (int i = start; i < end; i++) {
                        ids[i] = "bench-" + run + "-" + sender + "-" + i;
                        String dossier = agency + "-" + run + "-" + String.format(Locale.ROOT, "%07d", i);
                        envelopes[i] = signing.sign(template.handoff(ids[i], agency,
                                recipients.get(i % recipients.size()), dossier));
                    }
                }));
            }
            for (var done : work) {
                done.get();
            }
            senders.add(new Sender(agency, token, envelopes, ids));
        }
        signers.shutdown();
        System.out.printf(Locale.ROOT, "envelope size %d bytes%n", senders.get(0).envelopes()[0].length);
        return senders;
    }

    /**
     * The recipient, and for {@code --recipients N} N - 1 more push agencies {@code 000.99.NN.H53},
     * registered (again) through the admin API with this generator's endpoint, so that as many
     * delivery consumers work at once.
     */
    private List<String> registerRecipients() throws Exception {
        List<String> codes = new ArrayList<>(List.of(options.recipient));
        if (options.recipients < 2) {
            return codes;
        }
        String admin = Files.readString(Path.of(options.dataDir, "demo", "operators", "demo-admin", "api-token"),
                StandardCharsets.UTF_8).strip();
        String endpoint = "http://localhost:" + options.receiverPort + "/lienthong/deliveries";
        for (int n = 1; n < options.recipients; n++) {
            String code = String.format(Locale.ROOT, "000.99.%02d.H53", n);
            String body = String.format(Locale.ROOT,
                    "{\"name\":\"Bench recipient %d\",\"deliveryMode\":\"push\",\"endpoint\":\"%s\"}",
                    n, endpoint);
            HttpRequest registration = HttpRequest.newBuilder(URI.create(options.gateway + "/api/v1/admin/agencies/" + code))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> answer = http.send(registration, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("cannot register " + code + ": " + answer.statusCode() + " " + answer.body());
            }
            codes.add(code);
        }
        return codes;
    }

    /** Sends until the window ends: paced at the rate, or flat out with a fixed number in flight. */
    private void drive(List<Sender> senders, long started) throws InterruptedException {
        Semaphore inFlight = new Semaphore(options.rate > 0 ? options.maxInFlight : options.concurrency);
        long interval = options.rate > 0 ? TimeUnit.SECONDS.toNanos(1) / options.rate : 0;
        int[] next = new int[senders.size()];
        long n = 0;
        while (true) {
            long intended = options.rate > 0 ? started + n * interval : System.nanoTime();
            if (intended >= windowEnd) {
                break;
            }
            if (options.rate > 0) {
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            Sender sender = senders.get((int) (n % senders.size()));
            int index = next[(int) (n % senders.size())]++;
            if (index >= sender.envelopes().length) {
                System.out.println("ran out of pre-signed envelopes; stopping early (raise --envelopes)");
                break;
            }
            n++;
            if (!inFlight.tryAcquire()) {
                if (options.rate > 0) {
                    error("CLIENT_BACKLOG_FULL");
                    continue;
                }
                inFlight.acquire();
            }
            submit(sender, index, intended, inFlight);
        }
        inFlight.acquire(options.rate > 0 ? options.maxInFlight : options.concurrency);
    }

    private void submit(Sender sender, int index, long intended, Semaphore inFlight) {
        String id = sender.ids()[index];
        boolean measured = intended >= windowStart && intended < windowEnd;
        Timing timing = new Timing(intended, measured);
        timings.put(id, timing);
        if (measured) {
            sentMeasured.incrementAndGet();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.gateway + "/api/v1/envelopes"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + sender.token())
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sender.envelopes()[index]))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long pause = 0;
            try {
                long now = System.nanoTime();
                if (failure != null) {
                    error(failure.getClass().getSimpleName());
                    timings.remove(id);
                    return;
                }
                if (response.statusCode() / 100 != 2) {
                    Matcher code = CODE.matcher(response.body());
                    error("HTTP " + response.statusCode() + (code.find() ? " " + code.group(1) : ""));
                    timings.remove(id);
                    pause = options.rate > 0 ? 0 : retryAfterSeconds(response);
                    return;
                }
                acceptedInRun.incrementAndGet();
                if (now >= windowStart && now < windowEnd) {
                    acceptedInWindow.incrementAndGet();
                }
                if (measured) {
                    acceptLatency.recordValue(Math.min(now - intended, MAX_LATENCY_NANOS));
                    acceptedMeasured.incrementAndGet();
                }
                synchronized (timing) {
                    timing.accepted = now;
                    if (timing.delivered != 0) {
                        complete(id, timing);
                    }
                }
            } finally {
                if (pause > 0) {
                    pauses.schedule(() -> inFlight.release(), pause, TimeUnit.SECONDS);
                } else {
                    inFlight.release();
                }
            }
        });
    }

    /**
     * Flat out, a refused sender waits as the gateway asks before it sends again, as a real
     * client does: its slot stays taken for {@code Retry-After} seconds (at most 30).
     */
    private static long retryAfterSeconds(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Math.min(30, Math.max(0, Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    private void delivered(String id) {
        long now = System.nanoTime();
        if (now >= windowStart && now < windowEnd) {
            deliveredInWindow.incrementAndGet();
        }
        Timing timing = timings.get(id);
        if (timing == null) {
            return;
        }
        synchronized (timing) {
            if (timing.delivered != 0) {
                return;
            }
            timing.delivered = now;
            if (timing.accepted != 0) {
                complete(id, timing);
            }
        }
    }

    /** Both known: the push may even come before the answer is read, which counts as zero. */
    private void complete(String id, Timing timing) {
        timings.remove(id);
        deliveredInRun.incrementAndGet();
        if (timing.measured) {
            deliveredMeasured.incrementAndGet();
            deliveryLatency.recordValue(Math.max(0, Math.min(timing.delivered - timing.accepted, MAX_LATENCY_NANOS)));
        }
    }

    private void awaitDeliveries() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.drainSeconds);
        while (deliveredInRun.get() < acceptedInRun.get() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private void error(String code) {
        errors.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void report(Sampler sampler, long clientCpuNanos) {
        double seconds = options.durationSeconds;
        System.out.println();
        System.out.printf(Locale.ROOT, "mode               %s, %d s measured after %d s warm-up, senders %s -> %s%n",
                options.rate > 0 ? options.rate + "/s offered" : "flat out (" + options.concurrency + " in flight)",
                options.durationSeconds, options.warmupSeconds, options.senders, recipients);
        System.out.printf(Locale.ROOT, "accepted/s         %.0f%n", acceptedInWindow.get() / seconds);
        System.out.printf(Locale.ROOT, "delivered/s        %.0f (pushes taken by the receiver during the window)%n",
                deliveredInWindow.get() / seconds);
        System.out.printf(Locale.ROOT, "measured           %d sent, %d accepted, %d delivered%s%n", sentMeasured.get(),
                acceptedMeasured.get(), deliveredMeasured.get(),
                deliveredMeasured.get() < acceptedMeasured.get() ? " (the rest not within " + options.drainSeconds + " s after)" : "");
        System.out.printf(Locale.ROOT, "accept ms          %s%n", percentiles(acceptLatency, true));
        System.out.printf(Locale.ROOT, "accept->delivered  %s%n", percentiles(deliveryLatency, false));
        GatewayProbe.Reading first = sampler.first;
        GatewayProbe.Reading last = sampler.last;
        if (first != null && last != null && !Double.isNaN(first.cpuSeconds())) {
            double cpu = last.cpuSeconds() - first.cpuSeconds();
            double wall = (last.atNanos() - first.atNanos()) / 1e9;
            long accepted = Math.max(1, acceptedInWindow.get());
            System.out.printf(Locale.ROOT, "gateway CPU        %.2f cores on average, %.0f us CPU per accepted envelope%n",
                    cpu / wall, cpu * 1e6 / accepted);
            reportJit(last.jitSeconds() - first.jitSeconds(), cpu, wall);
        } else {
            System.out.printf(Locale.ROOT, "gateway CPU        process_cpu_usage %.0f%% of the machine on average (give --gateway-pid for CPU time)%n",
                    sampler.meanCpuUsage() * 100);
        }
        System.out.printf(Locale.ROOT, "gateway heap       %.0f MB mean, %.0f MB max (sampled each second%s)%n",
                sampler.meanHeap() / 1e6, sampler.maxHeap / 1e6,
                sampler.missed == 0 ? "" : "; " + sampler.missed + " scrapes unanswered");
        System.out.printf(Locale.ROOT, "load generator CPU %.2f cores on average while sending%n",
                clientCpuNanos / 1e9 / (options.warmupSeconds + seconds));
        System.out.printf(Locale.ROOT, "errors             %s%n", errors.isEmpty() ? "none" : new TreeMap<>(errors));
    }

    /**
     * The JIT compilers' share of the window (see GatewayProbe for how it is read). A warm
     * gateway keeps about a tenth (C2 goes on compiling paths that become hot late); above a
     * fifth, the window measured a gateway still warming up, so the CPU per envelope above
     * overstates its steady state.
     */
    private void reportJit(double jitSeconds, double cpuSeconds, double wallSeconds) {
        if (Double.isNaN(jitSeconds)) {
            return;
        }
        System.out.printf(Locale.ROOT, "gateway JIT        %.1f s compiling in the window (%.2f cores, %.0f%% of the gateway's CPU)%s%n",
                jitSeconds, jitSeconds / wallSeconds, jitSeconds * 100 / cpuSeconds,
                jitSeconds > cpuSeconds / 5 ? ": still warming up, lengthen --warmup for steady state" : "");
    }

    /**
     * The gateway's CPU from the first envelope until every one was delivered (or the drain
     * ended), per envelope: acceptance and delivery together, warm-up included, whatever share
     * of the deliveries fell inside the window.
     */
    private void reportWholeRun(GatewayProbe.Reading before, GatewayProbe.Reading after) {
        if (Double.isNaN(before.cpuSeconds()) || Double.isNaN(after.cpuSeconds())) {
            return;
        }
        long accepted = acceptedInRun.get();
        long delivered = deliveredInRun.get();
        System.out.printf(Locale.ROOT, "whole run          %d accepted, %d delivered, %.0f us gateway CPU per envelope"
                        + " accepted and delivered%s%n", accepted, delivered,
                (after.cpuSeconds() - before.cpuSeconds()) * 1e6 / Math.max(1, accepted),
                delivered < accepted ? " (not all delivered within the drain: their deliveries are partly left out)" : "");
    }

    private static String percentiles(Histogram histogram, boolean withP95) {
        if (histogram.getTotalCount() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "p50 %.1f%s  p99 %.1f  max %.1f ms", histogram.getValueAtPercentile(50) / 1e6,
                withP95 ? String.format(Locale.ROOT, "  p95 %.1f", histogram.getValueAtPercentile(95) / 1e6) : "",
                histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6);
    }

    /** Reads the gateway once a second during the window. */
    private static final class Sampler implements Runnable {
        private final GatewayProbe probe;
        private final long start;
        private final long end;
        volatile GatewayProbe.Reading first;
        volatile GatewayProbe.Reading last;
        private double heapTotal;
        private double cpuUsageTotal;
        private int samples;
        volatile int missed;
        volatile double maxHeap;

        Sampler(GatewayProbe probe, long start, long end) {
            this.probe = probe;
            this.start = start;
            this.end = end;
        }

        @Override
        public void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long now = System.nanoTime();
                    if (now >= start && now <= end + TimeUnit.MILLISECONDS.toNanos(500)) {
                        GatewayProbe.Reading reading = probe.read();
                        synchronized (this) {
                            if (first == null) {
                                first = reading;
                            }
                            last = reading;
                            // A scrape that failed (the gateway too busy to answer within its timeout) reads NaN.
                            if (Double.isNaN(reading.heapBytes())) {
                                missed++;
                            } else {
                                heapTotal += reading.heapBytes();
                                cpuUsageTotal += reading.cpuUsage();
                                samples++;
                                maxHeap = Math.max(maxHeap, reading.heapBytes());
                            }
                        }
                    }
                    TimeUnit.SECONDS.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized double meanHeap() {
            return samples == 0 ? Double.NaN : heapTotal / samples;
        }

        synchronized double meanCpuUsage() {
            return samples == 0 ? Double.NaN : cpuUsageTotal / samples;
        }
    }

    /** The command line. */
    private static final class Options {
        String gateway = "http://localhost:8080";
        String dataDir = "data";
        int rate = 500;
        int durationSeconds = 60;
        int warmupSeconds = 15;
        int drainSeconds = 60;
        int concurrency = 64;
        int maxInFlight = 5_000;
        Integer envelopes;
        Long gatewayPid;
        List<String> senders = List.of("000.00.01.H53", "000.00.05.H53");
        String recipient = "000.01.12.H53";
        int recipients = 1;
        int receiverPort = 8091;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--gateway" -> o.gateway = value.replaceAll("/+$", "");
                    case "--data-dir" -> o.dataDir = value;
                    case "--rate" -> o.rate = Integer.parseInt(value);
                    case "--duration" -> o.durationSeconds = Integer.parseInt(value);
                    case "--warmup" -> o.warmupSeconds = Integer.parseInt(value);
                    case "--drain" -> o.drainSeconds = Integer.parseInt(value);
                    case "--concurrency" -> o.concurrency = Integer.parseInt(value);
                    case "--envelopes" -> o.envelopes = Integer.parseInt(value);
                    case "--gateway-pid" -> o.gatewayPid = Long.parseLong(value);
                    case "--senders" -> o.senders = List.of(value.split(","));
                    case "--recipient" -> o.recipient = value;
                    case "--recipients" -> o.recipients = Integer.parseInt(value);
                    case "--receiver-port" -> o.receiverPort = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
                i++;
            }
            return o;
        }

        /** Enough for the run: at the rate, or for flat out at up to 1,500/s. */
        int envelopeCount() {
            if (envelopes != null) {
                return envelopes;
            }
            int perSecond = rate > 0 ? rate : 1_500;
            return (int) Math.ceil(perSecond * (warmupSeconds + durationSeconds) * 1.05);
        }
    }
}
