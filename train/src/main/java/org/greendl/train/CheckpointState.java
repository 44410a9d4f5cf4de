package org.greendl.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.greendl.record.RunRecord;

/**
 * The loop's state after a completed epoch ({@code state.json} in a checkpoint folder), beside the parameters
 * ({@code params.bin}) and the optimizer state ({@code optimizer.bin}). Costs so far are carried over so that
 * budgets and totals span the interrupted and the resumed part of a run.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointState(int schema, String runId, String created, String model, long seed, int epoch,
        long globalStep, Double bestValidationLoss, int epochsWithoutImprovement, RunRecord.EnergyInfo energy,
        double emissionsKg, double wallS, List<RunRecord.EpochRecord> epochs) {
    public static final int SCHEMA = 1;
}
