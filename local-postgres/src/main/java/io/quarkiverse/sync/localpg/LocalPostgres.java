package io.quarkiverse.sync.localpg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * A throwaway PostgreSQL server started from the binaries on the machine, for dev mode and tests.
 * <p>
 * It listens on a free port of 127.0.0.1 only, with {@code wal_level=logical} and room for replication slots, keeps
 * its data in a fresh directory below the given root and removes it on {@link #close()}. The server refuses to run
 * as root, so when the JVM is root the server commands run as the {@code postgres} OS user, which then owns the data
 * directory. A server left behind by a JVM that was killed is stopped and removed by the next {@link #start()} on the
 * same root.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalPostgres.class);
    private static final String INSTANCE_PREFIX = "pg-";
    private static final String SERVER_USER = "postgres";

    private final PostgresBinaries binaries;
    private final Path dataRoot;
    private final Map<String, String> settings;
    private final String username;
    private final String password;
    private final String database;
    private final boolean asServerUser;

    private Path instanceDir;
    private int port;
    private Thread shutdownHook;

    private LocalPostgres(Builder builder) {
        this.binaries = Objects.requireNonNull(builder.binaries, "binaries");
        this.dataRoot = Objects.requireNonNull(builder.dataRoot, "dataRoot").toAbsolutePath();
        this.settings = new LinkedHashMap<>(builder.settings);
        this.username = builder.username;
        this.password = builder.password;
        this.database = "postgres";
        this.asServerUser = runningAsRoot();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Initialises a fresh cluster and starts it; returns once it accepts connections. */
    public synchronized LocalPostgres start() {
        if (instanceDir != null) {
            return this;
        }
        try {
            Files.createDirectories(dataRoot);
            stopLeftovers();
            port = freePort();
            instanceDir = createInstanceDir();
            Path data = instanceDir.resolve("data");
            Path pwFile = instanceDir.resolve("pwfile");
            Files.writeString(pwFile, password + "\n");
            giveToServerUser(instanceDir);
            run("initdb", List.of(binaries.initdb().toString(), "-D", data.toString(), "-U", username,
                    "--pwfile=" + pwFile, "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync"));
            Files.deleteIfExists(pwFile);
            appendSettings(data.resolve("postgresql.conf"));
            shutdownHook = new Thread(this::stopQuietly, "local-postgres-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            run("pg_ctl start", List.of(binaries.pgCtl().toString(), "-D", data.toString(),
                    "-l", instanceDir.resolve("postgres.log").toString(), "-w", "-t", "60", "start"));
            LOG.infof("Local PostgreSQL (%s) started on 127.0.0.1:%d, data in %s", binaries.binDir(), port, data);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a local PostgreSQL in " + dataRoot, e);
        } catch (RuntimeException e) {
            stopQuietly();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String database() {
        return database;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    /** The URL form the Vert.x reactive client takes. */
    public String reactiveUrl() {
        return "postgresql://" + host() + ":" + port + "/" + database;
    }

    /** The directory of this instance (data, log); {@code null} before {@link #start()}. */
    public Path instanceDir() {
        return instanceDir;
    }

    /** Whether anything accepts connections on {@code 127.0.0.1:port} (a started or not yet stopped server). */
    public static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isRunning() {
        return instanceDir != null && Files.exists(instanceDir.resolve("data").resolve("postmaster.pid"));
    }

    /** Stops the server (fast shutdown: open sessions are ended) and removes its data. */
    @Override
    public synchronized void close() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or will run; stopping twice is harmless
            }
            shutdownHook = null;
        }
        stopQuietly();
    }

    private synchronized void stopQuietly() {
        if (instanceDir == null) {
            return;
        }
        Path dir = instanceDir;
        instanceDir = null;
        stopServer(dir, "fast");
        deleteTree(dir);
        LOG.debugf("Local PostgreSQL on port %d stopped", port);
    }

    private void stopServer(Path dir, String mode) {
        Path data = dir.resolve("data");
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        try {
            run("pg_ctl stop", List.of(binaries.pgCtl().toString(), "-D", data.toString(), "-m", mode, "-w", "-t", "60",
                    "stop"));
        } catch (RuntimeException e) {
            LOG.warnf("Could not stop the local PostgreSQL in %s: %s", data, e.getMessage());
        }
    }

    /** A JVM killed with -9 leaves its server running: stop and remove what such runs left under our root. */
    private void stopLeftovers() throws IOException {
        try (Stream<Path> entries = Files.list(dataRoot)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().startsWith(INSTANCE_PREFIX)).toList()) {
                if (!ownedByLiveJvm(dir)) {
                    LOG.infof("Removing a local PostgreSQL left behind in %s", dir);
                    stopServer(dir, "immediate");
                    deleteTree(dir);
                }
            }
        }
    }

    private static boolean ownedByLiveJvm(Path dir) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve("owner.pid")).trim());
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private Path createInstanceDir() throws IOException {
        String name = INSTANCE_PREFIX + port + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createDirectories(dataRoot.resolve(name));
        Files.writeString(dir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
        if (asServerUser && !serverUserCanWrite(dir)) {
            // Some parent of the root is closed to other users (a private home or temp folder): the server user
            // could not reach its data there, so use the shared temp directory instead.
            deleteTree(dir);
            Path fallback = Files.createTempDirectory("quarkus-sync-" + name);
            LOG.infof("The '%s' OS user cannot reach %s; keeping the local PostgreSQL data in %s instead", SERVER_USER,
                    dataRoot, fallback);
            dir = fallback;
            Files.writeString(dir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
        }
        return dir;
    }

    private boolean serverUserCanWrite(Path dir) {
        giveToServerUser(dir);
        try {
            return exec(List.of("runuser", "-u", SERVER_USER, "--", "test", "-w", dir.toString())).exitCode == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void giveToServerUser(Path dir) {
        if (asServerUser) {
            Result result = exec(List.of("chown", "-R", SERVER_USER + ":", dir.toString()));
            if (result.exitCode != 0) {
                throw new IllegalStateException("PostgreSQL refuses to run as root, and the data directory could not be "
                        + "given to the '" + SERVER_USER + "' OS user (" + result.output.strip()
                        + "). Create that user (useradd --system postgres) or run as a non-root user.");
            }
        }
    }

    private void appendSettings(Path conf) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listen_addresses", host());
        all.put("port", Integer.toString(port));
        // No Unix socket: the default socket directory may not exist or be writable, and clients use TCP anyway.
        all.put("unix_socket_directories", "");
        all.put("wal_level", "logical");
        all.put("max_wal_senders", "20");
        all.put("max_replication_slots", "20");
        all.put("max_connections", "200");
        // A throwaway server: durability across an OS crash is not worth the fsync cost in tests.
        all.put("fsync", "off");
        all.put("full_page_writes", "off");
        all.putAll(settings);
        StringBuilder text = new StringBuilder("\n# Added by Quarkus Sync's local PostgreSQL\n");
        all.forEach((key, value) -> text.append(key).append(" = '").append(value.replace("'", "''")).append("'\n"));
        Files.writeString(conf, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private void run(String what, List<String> command) {
        List<String> full = new ArrayList<>();
        if (asServerUser) {
            full.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        full.addAll(command);
        Result result = exec(full);
        if (result.exitCode != 0) {
            String log = instanceDir == null ? "" : tail(instanceDir.resolve("postgres.log"));
            throw new IllegalStateException(what + " failed (exit " + result.exitCode + "): " + result.output.strip()
                    + (log.isEmpty() ? "" : "\nServer log:\n" + log));
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debugf("Could not remove %s: %s", dir, e.getMessage());
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static final class Builder {
        private PostgresBinaries binaries;
        private Path dataRoot;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private String username = "quarkus";
        private String password = "quarkus";

        private Builder() {
        }

        public Builder binaries(PostgresBinaries binaries) {
            this.binaries = binaries;
            return this;
        }

        /** The directory under which each started server gets its own sub-directory. */
        public Builder dataRoot(Path dataRoot) {
            this.dataRoot = dataRoot;
            return this;
        }

        /** A server setting ({@code postgresql.conf} name and value); overrides the defaults. */
        public Builder setting(String name, String value) {
            // Both go into postgresql.conf: a line break or an odd name would let a value add other settings.
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                throw new IllegalArgumentException("Not a PostgreSQL setting name: '" + name + "'");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("The value of PostgreSQL setting " + name + " has a line break");
            }
            settings.put(name, value);
            return this;
        }

        public Builder settings(Map<String, String> more) {
            more.forEach(this::setting);
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public LocalPostgres build() {
            if (binaries == null) {
                binaries = PostgresBinaries.locate(java.util.Optional.empty())
                        .orElseThrow(() -> new IllegalStateException(
                                "No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found on PATH or under "
                                        + "/usr/lib/postgresql/*/bin. " + PostgresBinaries.INSTALL_HINT + "."));
            }
            return new LocalPostgres(this);
        }
    }
}
