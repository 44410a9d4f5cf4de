package org.greendl.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.greendl.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code greendl report RUN_DIR}: rebuilds the HTML report of a run folder from its records. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Build RUN_DIR/report/index.html from the run records in RUN_DIR (bench, train, prune, "
                + "search, active learning...), without re-running anything.")
public final class ReportCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A folder holding run.json, bench.json or search.json.")
    Path runDir;

    @Override
    public Integer call() {
        Path out = ReportWriter.write(runDir);
        System.out.println(out);
        return 0;
    }
}
