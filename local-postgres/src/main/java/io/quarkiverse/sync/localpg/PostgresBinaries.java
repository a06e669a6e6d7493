package io.quarkiverse.sync.localpg;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The directory holding a PostgreSQL server installation's {@code initdb}, {@code pg_ctl} and {@code postgres}.
 */
public record PostgresBinaries(Path binDir) {

    static final List<String> REQUIRED = List.of("initdb", "pg_ctl", "postgres");

    /** What to tell a user who has no server binaries. */
    public static final String INSTALL_HINT = "Install the PostgreSQL server (Debian/Ubuntu: 'apt-get install postgresql'; "
            + "Fedora: 'dnf install postgresql-server'; macOS: 'brew install postgresql@16'), "
            + "or point quarkus.sync.devservices.bin-dir at the directory holding initdb, pg_ctl and postgres, "
            + "or configure quarkus.datasource.jdbc.url to use a PostgreSQL of your own (with wal_level=logical)";

    public Path initdb() {
        return binDir.resolve("initdb");
    }

    public Path pgCtl() {
        return binDir.resolve("pg_ctl");
    }

    /**
     * Finds the binaries: the given directory when there is one, else the first directory on {@code PATH} holding all
     * three, else the newest {@code /usr/lib/postgresql/<version>/bin} (Debian keeps them off the PATH).
     */
    public static Optional<PostgresBinaries> locate(Optional<Path> configured) {
        if (configured.isPresent()) {
            return Optional.of(configured.get()).filter(PostgresBinaries::holdsAll).map(PostgresBinaries::new);
        }
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir));
                }
            }
        }
        candidates.addAll(debianVersionDirs(Path.of("/usr/lib/postgresql")));
        candidates.add(Path.of("/usr/local/pgsql/bin"));
        return candidates.stream().filter(PostgresBinaries::holdsAll).findFirst().map(PostgresBinaries::realDir);
    }

    private static PostgresBinaries realDir(Path dir) {
        // /usr/local/bin/initdb is often a link into /usr/lib/postgresql/NN/bin: use the real place, where the
        // server finds its share/ and lib/ directories.
        try {
            return new PostgresBinaries(dir.resolve("initdb").toRealPath().getParent());
        } catch (IOException e) {
            return new PostgresBinaries(dir);
        }
    }

    private static List<Path> debianVersionDirs(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .sorted(Comparator.comparing(PostgresBinaries::versionOf).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int versionOf(Path binDir) {
        try {
            return Integer.parseInt(binDir.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean holdsAll(Path dir) {
        return REQUIRED.stream().allMatch(name -> Files.isExecutable(dir.resolve(name)));
    }
}
