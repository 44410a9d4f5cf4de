package org.greendl.select;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greendl.meter.unit.CarbonIntensity;
import org.greendl.meter.unit.Energy;
import org.greendl.select.active.ActiveLearningSettings;
import org.greendl.select.active.CurvePoint;
import org.greendl.select.active.PoolState;
import org.greendl.select.scoring.PruneResult;
import org.greendl.select.scoring.PruneSettings;

/** Fixed inputs for every kind of data-selection record, so their JSON can be compared with a stored copy. */
final class SelectRecordsFixtures {
    private SelectRecordsFixtures() {}

    static final String MODEL = "mlp";

    static EnergyClock clock() {
        return new EnergyClock() {
            @Override
            public Energy total() {
                return Energy.ofKwh(0.002);
            }

            @Override
            public Map<String, String> sources() {
                Map<String, String> s = new LinkedHashMap<>();
                s.put("cpu", "estimate");
                s.put("gpu", "none");
                s.put("ram", "estimate");
                return s;
            }

            @Override
            public Optional<CarbonIntensity> intensity() {
                return Optional.of(CarbonIntensity.ofGramsPerKwh(56));
            }

            @Override
            public String countryIso() {
                return "FRA";
            }
        };
    }

    static ActiveLearningSettings activeSettings(int steps) {
        ActiveLearningSettings d = ActiveLearningSettings.defaults("entropy");
        return new ActiveLearningSettings(d.strategy(), 20, 10, 3, MODEL, 2, 32, 1e-3f, 7, true, 5, 0.25, 100, steps,
                d.lrSchedule());
    }

    static PoolState activeState(boolean withCurve) {
        PoolState s = PoolState.start("entropy", 7, new int[] {1, 2, 3, 4, 5, 6});
        if (withCurve) {
            s = s.withCurvePoint(new CurvePoint(0, 20, 0.5, 0.001, 0.0001, 1.5))
                    .withCurvePoint(new CurvePoint(1, 30, 0.625, 0.0015, 0.0002, 2.25));
        }
        return s;
    }

    static Map<String, Object> extra() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labels", "oracle");
        m.put("test_examples", 100);
        m.put("dataset", "fashion-mnist");
        m.put("classes", List.of(1, 2));
        return m;
    }

    static PruneSettings pruneSettings() {
        return new PruneSettings("el2n", 0.5, 0.0, MODEL, 2, MODEL, 1, 32, 1e-3f, 7, true, "hardest", true, 2, false,
                "constant", "none");
    }

    static PruneResult pruneResult(boolean withBaseline) {
        double nan = Double.NaN;
        return withBaseline
                ? new PruneResult(50, 100, 0.0002, 0.0008, 0.75, 0.0016, 0.8, 1.0, 4.0, 8.0, 0.0001, 0.0005, 0.001)
                : new PruneResult(50, 100, 0.0002, 0.0008, 0.75, nan, nan, 1.0, 4.0, nan, nan, nan, nan);
    }

    static Versus versus() {
        Arm prep = new Arm(List.of(new EpochPoint(1, 100, Double.NaN, 0.0001, 0.5)), Double.NaN, 0.0001, 0.5);
        Arm technique = new Arm(List.of(new EpochPoint(1, 100, 0.5, 0.0002, 1.0),
                new EpochPoint(2, 100, 0.625, 0.0002, 1.0)), 0.625, 0.0004, 2.0);
        Arm scratch = new Arm(List.of(new EpochPoint(1, 100, 0.375, 0.00025, 1.25)), 0.375, 0.00025, 1.25);
        return new Versus("transfer", prep, technique, scratch);
    }
}
