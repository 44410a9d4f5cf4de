package org.greendl.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentationsTest {
    private static Example ramp(int label) {
        float[] p = new float[16];
        for (int i = 0; i < 16; i++) {
            p[i] = (i + 1) / 16f;
        }
        return new Example(p, 1, 4, 4, Example.oneHot(label, 3));
    }

    private static AugmentContext context(long seed) {
        return AugmentContext.of(new Random(seed), () -> {
            float[] ones = new float[16];
            java.util.Arrays.fill(ones, 1f);
            return new Example(ones, 1, 4, 4, Example.oneHot(2, 3));
        });
    }

    @Test
    void flipTwiceIsIdentityAndFlipOnceMirrors() {
        Augmentation flip = Augmentations.horizontalFlip(1.0);
        Example once = flip.apply(ramp(0), context(1));
        assertEquals(4 / 16f, once.pixels()[0]);
        assertEquals(1 / 16f, once.pixels()[3]);
        assertArrayEquals(ramp(0).pixels(), flip.apply(once, context(1)).pixels());
        assertArrayEquals(ramp(0).pixels(), Augmentations.horizontalFlip(0.0).apply(ramp(0), context(1)).pixels());
    }

    @Test
    void cropShiftsContentAndPadsWithZeros() {
        Augmentation crop = Augmentations.randomCrop(2);
        boolean shifted = false;
        for (int s = 0; s < 20; s++) {
            float[] p = crop.apply(ramp(0), context(s)).pixels();
            float total = 0;
            for (float v : p) {
                total += v;
            }
            assertTrue(total <= 136 / 16f + 1e-6);
            shifted |= !java.util.Arrays.equals(p, ramp(0).pixels());
        }
        assertTrue(shifted);
        assertArrayEquals(ramp(0).pixels(), Augmentations.randomCrop(0).apply(ramp(0), context(1)).pixels());
    }

    @Test
    void cutoutZeroesABox() {
        float[] p = Augmentations.cutout(2).apply(ramp(0), context(5)).pixels();
        int zeros = 0;
        for (float v : p) {
            zeros += v == 0 ? 1 : 0;
        }
        assertTrue(zeros >= 1 && zeros <= 4, "zeros: " + zeros);
    }

    @Test
    void mixupBlendsPixelsAndTargetsWithTheSameWeight() {
        Augmentation mixup = Augmentations.mixup(1.0);
        assertTrue(mixup.mixesTargets());
        Example ex = mixup.apply(ramp(0), context(3));
        float lambda = ex.target()[0];
        assertEquals(1f, ex.target()[0] + ex.target()[2], 1e-6);
        assertEquals(lambda * (1 / 16f) + (1 - lambda), ex.pixels()[0], 1e-6);
    }

    @Test
    void cutmixTargetMatchesPastedArea() {
        for (int s = 0; s < 10; s++) {
            Example ex = Augmentations.cutmix(1.0).apply(ramp(1), context(s));
            int pasted = 0;
            for (float v : ex.pixels()) {
                pasted += v == 1f ? 1 : 0;
            }
            pasted -= 1; // the ramp's own last pixel is 1.0 too, unless covered
            float kept = ex.target()[1];
            assertEquals(1f, kept + ex.target()[2], 1e-6);
            assertTrue(Math.abs((1 - kept) * 16 - pasted) <= 1.0001, "pasted " + pasted + " kept " + kept);
        }
    }

    @Test
    void parseComposesInOrderAndRejectsUnknownNames() {
        Augmentation a = Augmentations.parse("flip:1, cutout:2,mixup");
        assertEquals("flip:1.0,cutout:2,mixup:0.2", a.toString());
        assertTrue(a.mixesTargets());
        assertEquals("none", Augmentations.parse("none").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Augmentations.parse("crop,rotate"));
        assertTrue(e.getMessage().contains("unknown augmentation 'rotate'"));
        assertThrows(IllegalArgumentException.class, () -> Augmentations.parse("crop:x"));
    }

    @Test
    void betaSamplesStayInRangeAndCentre() {
        Random r = new Random(1);
        double sum = 0;
        for (int i = 0; i < 2000; i++) {
            double b = Augmentations.beta(r, 0.4);
            assertTrue(b >= 0 && b <= 1);
            sum += b;
        }
        assertEquals(0.5, sum / 2000, 0.05);
        assertNotEquals(0.5, Augmentations.beta(r, 0.4));
    }
}
