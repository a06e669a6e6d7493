package io.quarkiverse.sync.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The append buffer starts small and grows to its capacity: whatever the sizes appended (around the initial size,
 * the doublings, half the capacity, and more), the logical size is right after every append and the bytes read back
 * are exactly those appended.
 */
class FileHandleTest {

    @TempDir
    Path dir;

    @Test
    void appendsOfEverySizeReadBackExactly() throws Exception {
        FileHandle.createEmpty(dir, "data");
        FileHandle file = new FileHandle(dir, "data", 64 * 1024);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(11);
        int[] sizes = { 1, 4095, 4096, 4097, 8191, 8192, 16385, 32767, 32768, 40000, 100, 70000, 3 };
        for (int round = 0; round < 200; round++) {
            int size = round < sizes.length ? sizes[round] : random.nextInt(random.nextBoolean() ? 300 : 40000) + 1;
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            file.append(bytes);
            expected.write(bytes);
            if (round % 3 == 0) {
                file.append((byte) round);
                expected.write(round);
            }
            assertThat(file.size()).isEqualTo(expected.size());
            if (round % 17 == 0) {
                file.flush();
                file.releaseBuffer(); // as a log going idle: the next append starts a small buffer again
            }
        }
        byte[] all = expected.toByteArray();
        file.flush();
        assertThat(file.read(0, all.length)).isEqualTo(all);
        assertThat(Files.readAllBytes(dir.resolve("data"))).isEqualTo(all);
        file.close();
    }
}
