package org.greendl.data;

import java.nio.file.Path;

/**
 * The four places a dataset is looked for, in order: {@code --data DIR}; {@code $GREENDL_DATA}; the system
 * directory ({@code /usr/share/datasets}, where Debian's {@code dataset-fashion-mnist} installs); the user
 * directory ({@code ~/.greendl/datasets}), which a download fills. Any may be null (not given / unset).
 */
public record DataLocations(Path dataDir, Path environmentDir, Path systemRoot, Path userRoot) {
    public static final String ENVIRONMENT_VARIABLE = "GREENDL_DATA";

    /** The standard places, with {@code dataDir} from the command line (may be null). */
    public static DataLocations standard(Path dataDir) {
        String env = System.getenv(ENVIRONMENT_VARIABLE);
        return new DataLocations(dataDir,
                env == null || env.isBlank() ? null : Path.of(env),
                Path.of("/usr/share/datasets"),
                Path.of(System.getProperty("user.home"), ".greendl", "datasets"));
    }
}
