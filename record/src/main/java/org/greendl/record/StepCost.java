package org.greendl.record;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a step without a run record of its own used (an ONNX export, an int8 quantization inside the bench), in
 * the run record's blocks: {@code {"energy": {...}, "emissions": {...}, "time": {...}}}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepCost(RunRecord.EnergyInfo energy, RunRecord.EmissionsInfo emissions, RunRecord.TimeInfo time) {}
