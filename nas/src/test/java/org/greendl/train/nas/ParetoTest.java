package org.greendl.train.nas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.greendl.train.nas.Pareto.Point;
import org.junit.jupiter.api.Test;

class ParetoTest {
    // Accuracy up, energy down: three on the front, one dominated by (0.75, 2), one dominated by everything.
    private static final List<Point> POINTS = List.of(
            new Point(1.0, 3), new Point(0.75, 2), new Point(0.5, 1), new Point(0.625, 2.5), new Point(0.25, 3.5));

    @Test
    void nonDominatedSortingPeelsTheFrontsInOrder() {
        assertEquals(List.of(List.of(0, 1, 2), List.of(3), List.of(4)), Pareto.sort(POINTS));
        assertEquals(List.of(0, 0, 0, 1, 2), java.util.Arrays.stream(Pareto.ranks(POINTS)).boxed().toList());
    }

    @Test
    void dominanceNeedsOneStrictImprovement() {
        assertTrue(Pareto.dominates(new Point(0.5, 1), new Point(0.5, 2)));
        assertFalse(Pareto.dominates(new Point(0.5, 1), new Point(0.5, 1)), "equal points do not dominate");
        assertFalse(Pareto.dominates(new Point(0.9, 2), new Point(0.5, 1)), "a trade-off");
        // Equal points share the front.
        assertEquals(List.of(List.of(0, 1)), Pareto.sort(List.of(new Point(0.5, 1), new Point(0.5, 1))));
    }

    @Test
    void hypervolumeIsTheExactAreaOfTheStaircase() {
        // Front by energy: (1, 0.5), (2, 0.75), (3, 1.0); reference (0, 4): 1*0.5 + 1*0.75 + 1*1.0.
        assertEquals(2.25, Pareto.hypervolume(POINTS, 0, 4), 0.0);
        // Reference accuracy 0.5 drops (1, 0.5) and lowers every step: 1*0.25 + 1*0.5.
        assertEquals(0.75, Pareto.hypervolume(POINTS, 0.5, 4), 0.0);
        // Reference energy 2.5: only (1, 0.5) and (2, 0.75) count: 1*0.5 + 0.5*0.75.
        assertEquals(0.875, Pareto.hypervolume(POINTS, 0, 2.5), 0.0);
        // One point: its rectangle; none inside: 0.
        assertEquals(1.5, Pareto.hypervolume(List.of(new Point(0.75, 2)), 0, 4), 0.0);
        assertEquals(0.0, Pareto.hypervolume(List.of(new Point(0.75, 5)), 0, 4), 0.0);
    }
}
