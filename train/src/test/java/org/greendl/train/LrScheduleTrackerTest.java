package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** The schedule as a DJL tracker follows the curve DJL's own trackers gave the selection experiments. */
class LrScheduleTrackerTest {
    @Test
    void cosineAsATrackerIsDjlsCosineOverTheSameUpdates() {
        int updates = 48;
        Tracker ours = LrSchedule.cosine(0).tracker(0.01, updates);
        Tracker djl = CosineTracker.builder().setBaseValue(0.01f).optFinalValue(0f).setMaxUpdates(updates).build();
        // The schedule computes in double and rounds once; DJL's tracker rounds to float midway: one ulp apart.
        float ulp = Math.ulp(0.01f);
        for (int n = 0; n <= updates + 3; n++) {
            assertEquals(djl.getNewValue(n), ours.getNewValue(n), ulp, "update " + n);
        }
        assertEquals(0.01f, ours.getNewValue(0), 0f, "starts at the base rate");
        assertEquals(0f, ours.getNewValue(updates), 0f, "reaches zero at the last update");
    }

    @Test
    void constantAsATrackerIsTheBaseRateAtEveryUpdate() {
        Tracker t = LrSchedule.constant().tracker(1e-3f, 10);
        for (int n = 0; n < 20; n++) {
            assertEquals(1e-3f, t.getNewValue(n), 0f);
        }
    }
}
