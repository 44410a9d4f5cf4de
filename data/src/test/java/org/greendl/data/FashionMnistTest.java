package org.greendl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.greendl.testing.OutsideMaven;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    private static final PackageInstaller NO_APT = PackageInstaller.refusing("apt-get is not on the PATH");
    private static final Downloader OFFLINE = (url, target, md5) -> {
        throw new IOException("network unreachable");
    };

    @TempDir Path tmp;

    @Test
    void explicitDataDirWinsAndMustHoldTheFiles() throws IOException {
        Path mine = IdxFiles.fashionFolder(tmp.resolve("mine"), 5, 2);
        Path env = IdxFiles.fashionFolder(tmp.resolve("env"), 5, 2);
        assertEquals(mine, FashionMnist.locate(new DataLocations(mine, env, null, null), NO_APT, OFFLINE));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> FashionMnist.locate(new DataLocations(empty, env, null, null), NO_APT, OFFLINE));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("--data"), e.getMessage());
    }

    @Test
    void searchOrderIsEnvironmentThenSystemThenUser() throws IOException {
        Path env = IdxFiles.fashionFolder(tmp.resolve("env"), 5, 2);
        Path system = tmp.resolve("system");
        IdxFiles.fashionFolder(system.resolve("fashion-mnist"), 5, 2);
        Path user = tmp.resolve("user");
        IdxFiles.fashionFolder(user.resolve("fashion-mnist"), 5, 2);
        assertEquals(env, FashionMnist.locate(new DataLocations(null, env, system, user), NO_APT, OFFLINE));
        assertEquals(system.resolve("fashion-mnist"),
                FashionMnist.locate(new DataLocations(null, tmp.resolve("nope"), system, user), NO_APT, OFFLINE));
        assertEquals(user.resolve("fashion-mnist"),
                FashionMnist.locate(new DataLocations(null, null, tmp.resolve("nope"), user), NO_APT, OFFLINE));
    }

    @Test
    void downloadsIntoTheUserPlaceWithChecksums() throws IOException {
        List<String> asked = new ArrayList<>();
        Downloader fake = (URI url, Path target, String md5) -> {
            asked.add(url + " " + md5);
            String name = target.getFileName().toString();
            if (name.contains("images")) {
                IdxFiles.images(target, 3, true);
            } else {
                IdxFiles.labels(target, 3, true);
            }
        };
        Path user = tmp.resolve("user");
        Path found = FashionMnist.locate(new DataLocations(null, null, tmp.resolve("none"), user), NO_APT, fake);
        assertEquals(user.resolve("fashion-mnist"), found);
        assertEquals(4, asked.size());
        assertTrue(asked.get(0).equals(FashionMnist.BASE_URL + "train-images-idx3-ubyte.gz "
                + "8d4fb7e6c68d591d4c3dfef9ec88bf0d"), asked.get(0));
    }

    @Test
    void offlineAndNothingFoundNamesAllFourPlacesAndTheThreeWaysWithTheirRealCauses() {
        Path env = tmp.resolve("env");
        DataLocations places = new DataLocations(null, env, tmp.resolve("sys"), tmp.resolve("user"));
        // HttpClient's ConnectException has no message of its own; its cause says what happened.
        Downloader noNetwork = (url, target, md5) -> {
            throw new java.net.ConnectException() {
                {
                    initCause(new java.nio.channels.UnresolvedAddressException());
                }
            };
        };
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> FashionMnist.locate(places,
                PackageInstaller.refusing("not running as root, and sudo -n is not allowed without a password"),
                noNetwork));
        String m = e.getMessage();
        assertTrue(m.contains("--data (not given)"), m);
        assertTrue(m.contains("$GREENDL_DATA=" + env), m);
        assertTrue(m.contains(tmp.resolve("sys").resolve("fashion-mnist").toString()), m);
        assertTrue(m.contains("apt-get install dataset-fashion-mnist (tried: not running as root"), m);
        assertTrue(m.contains("--data DIR"), m);
        assertTrue(m.contains("a download from " + FashionMnist.BASE_URL + " into "
                + tmp.resolve("user").resolve("fashion-mnist") + " (tried: "), m);
        assertTrue(m.contains("UnresolvedAddressException"), m);
        assertFalse(m.contains("null"), m);
        assertFalse(m.contains("\n"));
    }

    @Test
    void theSystemPackageIsInstalledBeforeAnyDownload() throws IOException {
        Path system = tmp.resolve("sys");
        List<String> installed = new ArrayList<>();
        PackageInstaller fakeApt = name -> {
            installed.add(name);
            IdxFiles.fashionFolder(system.resolve("fashion-mnist"), 5, 2);
        };
        Downloader mustNotRun = (url, target, md5) -> {
            throw new AssertionError("downloaded although the package installed");
        };
        Path found = FashionMnist.locate(new DataLocations(null, null, system, tmp.resolve("user")), fakeApt,
                mustNotRun);
        assertEquals(system.resolve("fashion-mnist"), found);
        assertEquals(List.of("dataset-fashion-mnist"), installed);
    }

    @Test
    void aFailedInstallFallsBackToTheDownload() throws IOException {
        Downloader fake = (url, target, md5) -> {
            if (target.getFileName().toString().contains("images")) {
                IdxFiles.images(target, 3, true);
            } else {
                IdxFiles.labels(target, 3, true);
            }
        };
        Path user = tmp.resolve("user");
        assertEquals(user.resolve("fashion-mnist"), FashionMnist.locate(new DataLocations(null, null,
                tmp.resolve("sys"), user), NO_APT, fake));
    }

    @Test
    void theRealInstallerSaysWhyItDidNotRun() throws IOException {
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        IOException off = assertThrows(IOException.class, () -> PackageInstaller.apt(quiet,
                java.util.Map.of("GREENDL_NO_INSTALL", "1", "PATH", "/usr/bin:/bin")).install("x"));
        assertEquals("turned off by GREENDL_NO_INSTALL=1", off.getMessage());
        Path emptyPath = Files.createDirectories(tmp.resolve("bin"));
        IOException noApt = assertThrows(IOException.class,
                () -> PackageInstaller.apt(quiet, java.util.Map.of("PATH", emptyPath.toString())).install("x"));
        assertEquals("apt-get is not on the PATH (not a Debian-based system)", noApt.getMessage());
    }

    @Test
    void differentImageAndLabelCountsAreRejected() throws IOException {
        Path dir = IdxFiles.fashionFolder(tmp.resolve("d"), 6, 2);
        IdxFiles.labels(dir.resolve("train-labels-idx1-ubyte.gz"), 5, true);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> FashionMnist.load(FashionMnistOptions.defaults(), dir));
        assertTrue(e.getMessage().contains("5 labels but train-images-idx3-ubyte.gz has 6 images"), e.getMessage());
    }

    @Test
    void seededSplitIsDisjointAndReproducible() throws IOException {
        Path dir = IdxFiles.fashionFolder(tmp.resolve("d"), 100, 10);
        FashionMnistOptions options = FashionMnistOptions.defaults().withValidationFraction(0.2).withLimits(50, 4);
        FashionMnistSplits a = FashionMnist.load(options, dir);
        FashionMnistSplits b = FashionMnist.load(options, dir);
        assertEquals(50, a.train().size());
        assertEquals(10, a.validation().size());
        assertEquals(4, a.test().size());
        Set<String> train = fingerprints(a.train());
        Set<String> validation = fingerprints(a.validation());
        assertEquals(train, fingerprints(b.train()));
        validation.retainAll(train);
        assertTrue(validation.isEmpty(), "validation overlaps training");
        assertFalse(train.equals(fingerprints(FashionMnist.load(options.withSeed(7), dir).train())));
    }

    @Test
    void aZeroValidationFractionHoldsNothingOut() throws IOException {
        Path dir = IdxFiles.fashionFolder(tmp.resolve("z"), 100, 10);
        FashionMnistSplits s = FashionMnist.load(FashionMnistOptions.defaults().withValidationFraction(0), dir);
        assertEquals(100, s.train().size());
        assertEquals(null, s.validation(), "no validation set, not an empty one that training cannot evaluate");
    }

    /** Test images differ in their first pixel's position mod 251, so label + first bytes identify one. */
    private static Set<String> fingerprints(ImageDataset d) {
        Set<String> s = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            s.add(d.label(i) + ":" + d.storageIndex(i));
        }
        return s;
    }

    @Test
    void realFilesLoad() throws IOException {
        Path real = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null)); // installs it where it can
        FashionMnistSplits s = FashionMnist.load(FashionMnistOptions.defaults().withDataDir(real));
        assertEquals(54000, s.train().size());
        assertEquals(6000, s.validation().size());
        assertEquals(10000, s.test().size());
        int[] perClass = new int[10];
        for (int i = 0; i < s.test().size(); i++) {
            perClass[s.test().label(i)]++;
        }
        for (int c : perClass) {
            assertEquals(1000, c);
        }
    }
}
