package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.greendl.meter.unit.Emissions;
import org.greendl.meter.unit.Energy;
import org.junit.jupiter.api.Test;

class BudgetsTest {
    private static Map<String, Object> recorded(Budgets b) {
        return TrainingConfig.builder().setEpochs(1).setBatchSize(8).setLearningRate(0.01).optBudgets(b).build()
                .toRecordMap();
    }

    @Test
    void budgetsGivenInWattHoursAndGramsAreRecordedAsGiven() {
        // Each of these comes back from joules or kilograms a unit in the last place away.
        for (double given : new double[] {0.011, 0.019, 0.022, 0.009, 0.5, 123.456, 1e-9}) {
            Map<String, Object> m = recorded(Budgets.none().withMaxEnergy(Energy.ofWh(given))
                    .withMaxEmissions(Emissions.ofGrams(given)));
            assertEquals(given, m.get("max_energy_wh"), "energy " + given);
            assertEquals(given, m.get("max_co2_g"), "emissions " + given);
        }
        assertEquals(null, recorded(Budgets.none()).get("max_energy_wh"));
    }

    @Test
    void aBudgetMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Budgets.none().withMaxEnergy(Energy.ofWh(0)));
        assertEquals("max energy must be > 0 Wh, got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Budgets.none().withMaxEmissions(Emissions.ofGrams(-1)));
    }
}
