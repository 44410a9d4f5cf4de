package org.greendl.benchmarks.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSimulatorTest {
    private static ClusterSimulator.Task t(double s, double kwh) {
        return new ClusterSimulator.Task(s, kwh);
    }

    @Test
    void oneExecutorWithoutStragglersTakesTheSumAndRungsAreBarriers() {
        List<ClusterSimulator.Rung> rungs = List.of(new ClusterSimulator.Rung(List.of(t(4, 1), t(2, 1), t(2, 1))),
                new ClusterSimulator.Rung(List.of(t(6, 2))));
        assertEquals(14, ClusterSimulator.simulate(rungs, 1, ClusterSimulator.Model.IDEAL, 1).wallS(), 1e-9);
        // Two executors: the first rung ends at 4 (4 | 2+2), the second adds 6.
        ClusterSimulator.Outcome two = ClusterSimulator.simulate(rungs, 2, ClusterSimulator.Model.IDEAL, 1);
        assertEquals(10, two.wallS(), 1e-9);
        assertEquals(5, two.kwh(), 1e-12, "no idle power: the tasks' own energy");
        // 512 executors cannot beat the longest task of each rung.
        assertEquals(10, ClusterSimulator.simulate(rungs, 512, ClusterSimulator.Model.IDEAL, 1).wallS(), 1e-9);
    }

    @Test
    void waitingExecutorsDrawIdlePowerAndStragglersStretchTheirTask() {
        List<ClusterSimulator.Rung> rungs = List.of(new ClusterSimulator.Rung(List.of(t(10, 0), t(4, 0))));
        // 3.6e6 W s is one kWh: an executor idle for 6 s at 6e5 W is exactly 1 kWh.
        ClusterSimulator.Outcome idle = ClusterSimulator.simulate(rungs, 2, new ClusterSimulator.Model(0, 1, 0, 6e5), 1);
        assertEquals(1.0, idle.kwh(), 1e-12);
        ClusterSimulator.Outcome slow = ClusterSimulator.simulate(rungs, 2, new ClusterSimulator.Model(1, 3, 1, 0), 1);
        assertEquals(31, slow.wallS(), 1e-9, "every task a straggler: 10 x 3 + 1 s start-up");
        assertThrows(IllegalArgumentException.class, () -> ClusterSimulator.simulate(rungs, 0,
                ClusterSimulator.Model.IDEAL, 1));
    }

    @Test
    void rungsSplitWhereTheKeyChanges() {
        List<ClusterSimulator.Task> tasks = List.of(t(1, 0), t(1, 0), t(3, 0), t(9, 0), t(9, 0));
        List<ClusterSimulator.Rung> rungs = ClusterSimulator.rungs(tasks, List.of("1", "1", "3+", "9+", "9"));
        assertEquals(List.of(2, 1, 1, 1), rungs.stream().map(r -> r.tasks().size()).toList());
    }
}
