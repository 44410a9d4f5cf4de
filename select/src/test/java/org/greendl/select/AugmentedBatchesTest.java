package org.greendl.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.greendl.data.augment.Augmentations;
import org.greendl.select.scoring.PruneSettings;
import org.junit.jupiter.api.Test;

/** Augmented training batches: the augmentation works on [0, 1] pixels, the network gets them normalized. */
class AugmentedBatchesTest {
    private static final float MEAN = 0.2f;
    private static final float STD = 0.3f;

    /** One 1x2x3 image whose pixel (y, x) is 10 * (3y + x + 1) out of 255. */
    private static ImageSet tiny() {
        byte[] pixels = new byte[6];
        for (int i = 0; i < 6; i++) {
            pixels[i] = (byte) (10 * (i + 1));
        }
        return new ImageSet(pixels, new byte[] {3}, 1, 2, 3, 10, MEAN, STD);
    }

    private static float norm(int raw) {
        return (raw / 255f - MEAN) / STD;
    }

    @Test
    void identityAugmentationGivesTheNormalizedImages() {
        ImageSet set = tiny();
        float[] plain = set.normalized(new int[] {0}, 0, 1);
        float[] same = set.augmented(new int[] {0}, 0, 1, Augmentations.parse("none"), new Random(1));
        assertArrayEquals(plain, same, 1e-6f);
    }

    @Test
    void aCertainFlipMirrorsEachRowBeforeNormalizing() {
        float[] flipped = tiny().augmented(new int[] {0}, 0, 1, Augmentations.parse("flip:1"), new Random(1));
        assertArrayEquals(new float[] {norm(30), norm(20), norm(10), norm(60), norm(50), norm(40)}, flipped, 1e-6f);
    }

    @Test
    void aCropPadsWithBlackNotWithTheMean() {
        // With padding 1 some shift is non-zero within a few draws; the uncovered pixels must be black (raw 0).
        ImageSet set = tiny();
        Random random = new Random(7);
        float[] plain = set.normalized(new int[] {0}, 0, 1);
        boolean sawShift = false;
        for (int draw = 0; draw < 20 && !sawShift; draw++) {
            float[] cropped = set.augmented(new int[] {0}, 0, 1, Augmentations.parse("crop:1"), random);
            if (!Arrays.equals(plain, cropped)) {
                sawShift = true;
                boolean hasBlack = false;
                for (float v : cropped) {
                    hasBlack |= Math.abs(v - norm(0)) < 1e-6f;
                }
                assertEquals(true, hasBlack, Arrays.toString(cropped));
            }
        }
        assertEquals(true, sawShift, "20 random crops with padding 1 never shifted the image");
    }

    @Test
    void labelMixingAugmentationsAreRefusedByTheImageSetAndByPruneSettings() {
        assertThrows(IllegalArgumentException.class, () -> tiny().augmented(new int[] {0}, 0, 1,
                Augmentations.parse("mixup"), new Random(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PruneSettings("el2n",
                0.5, 0, "mlp", 1, "mlp", 1, 64, 1e-3f, 1, false, "hardest", false, 1, false, "constant", "crop,mixup"));
        assertEquals("--augment crop,mixup mixes labels; data pruning supports per-image augmentations only "
                + "(crop, flip, cutout)", e.getMessage());
        assertFalse(new PruneSettings("el2n", 0.5, 0, "mlp", 1, "mlp", 1, 64, 1e-3f, 1, false, "hardest", false, 1,
                false, "constant", null).augments());
    }
}
