package io.quarkiverse.sync.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class VisibilityTest {

    @Test
    void committedBeforeXminOrBelowXmaxAndNotInProgressIsSeen() {
        Snapshotter.Visibility v = new Snapshotter.Visibility(100, 110, List.of(103L, 107L));
        assertThat(v.sawCommitOf(99)).isTrue();
        assertThat(v.sawCommitOf(100)).isTrue();
        assertThat(v.sawCommitOf(103)).as("in progress at the snapshot").isFalse();
        assertThat(v.sawCommitOf(105)).isTrue();
        assertThat(v.sawCommitOf(110)).as("xmax: not yet started").isFalse();
        assertThat(v.sawCommitOf(111)).as("later transactions").isFalse();
        assertThat(v.sawCommitOf(5_000)).isFalse();
    }

    @Test
    void thirtyTwoBitXidsAreWidenedAroundTheEpochBoundary() {
        long epoch1 = 1L << 32;
        Snapshotter.Visibility v = new Snapshotter.Visibility(epoch1 - 10, epoch1 + 5, List.of(epoch1 - 2));
        assertThat(v.sawCommitOf(0xFFFFFFF0L)).as("previous epoch, before xmin").isTrue();
        assertThat(v.sawCommitOf(0xFFFFFFFEL)).as("previous epoch, in progress").isFalse();
        assertThat(v.sawCommitOf(3)).as("this epoch, committed").isTrue();
        assertThat(v.sawCommitOf(6)).as("this epoch, after xmax").isFalse();
    }
}
