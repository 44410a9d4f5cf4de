package org.greendl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.greendl.meter.ConfigResolver;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.carbon.CarbonTable;
import org.greendl.meter.carbon.IntensityChoice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greendl carbon [ISO3 | PROVIDER:REGION]}: the grid intensity that would be used, and its source. */
@Command(name = "carbon", description = {"Show the grid carbon intensity greendl would use, and where it comes from.",
    "Without PLACE: the place set by GREENDL_COUNTRY/GREENDL_CLOUD or ~/.greendl/config.properties, else the world mean."})
public final class CarbonCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Parameters(arity = "0..1", paramLabel = "ISO3|PROVIDER:REGION", description = "A country (FRA) or a cloud region (gcp:europe-west9).")
    String place;

    @Option(names = "--list", description = "List every country and cloud region in the table.")
    boolean list;

    @Option(names = "--format", defaultValue = "text", description = "text or json.")
    MeterOutput.Format format;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CarbonTable table = CarbonTable.bundled();
        ObjectMapper json = new ObjectMapper();
        if (list) {
            if (format == MeterOutput.Format.json) {
                ArrayNode arr = json.createArrayNode();
                table.countries().values().forEach(e -> arr.add(entry(json, e)));
                table.clouds().values().forEach(e -> arr.add(entry(json, e)));
                arr.add(entry(json, table.world()));
                out.println(json.writeValueAsString(arr));
            } else {
                table.countries().values().forEach(e -> out.printf(Locale.ROOT, "%-28s %8.1f  %s (%d)%n", e.key(),
                        e.gramsPerKwh(), e.name(), e.year()));
                table.clouds().values().forEach(e -> out.printf(Locale.ROOT, "%-28s %8.1f  %s (%s)%n", e.key(),
                        e.gramsPerKwh(), e.name(), e.iso3()));
                out.printf(Locale.ROOT, "%-28s %8.1f  %s%n", "(world default)", table.world().gramsPerKwh(),
                        table.world().name());
            }
            out.flush();
            return 0;
        }
        IntensityChoice choice;
        String origin;
        if (place != null) {
            boolean isCloud = place.contains(":");
            choice = IntensityChoice.resolve(table, isCloud ? null : place, isCloud ? place : null, null);
            origin = "the argument";
        } else {
            ConfigResolver.Flags none = ConfigResolver.Flags.none();
            TrackerConfig config = ConfigResolver.resolve(none).build();
            choice = config.intensityChoice();
            origin = ConfigResolver.placeOrigin(none, System.getenv(), ConfigResolver.defaultConfigFile());
        }
        if (format == MeterOutput.Format.json) {
            ObjectNode o = json.createObjectNode();
            o.put("intensity_g_per_kwh", choice.intensity().gramsPerKwh());
            o.put("country_iso_code", choice.countryIso());
            o.put("country_name", choice.countryName());
            o.put("cloud_provider", choice.cloudProvider());
            o.put("cloud_region", choice.cloudRegion());
            o.put("source", choice.source());
            o.put("chosen_by", origin);
            out.println(json.writeValueAsString(o));
        } else {
            out.printf(Locale.ROOT, "%.1f gCO2eq/kWh  %s  [chosen by %s]%n", choice.intensity().gramsPerKwh(),
                    choice.source(), origin);
        }
        out.flush();
        return 0;
    }

    private static ObjectNode entry(ObjectMapper json, CarbonTable.Entry e) {
        ObjectNode o = json.createObjectNode();
        o.put("kind", e.kind());
        o.put("key", e.key());
        o.put("iso3", e.iso3());
        o.put("name", e.name());
        o.put("intensity_g_per_kwh", e.gramsPerKwh());
        if (e.year() > 0) {
            o.put("year", e.year());
        }
        o.put("source", e.source());
        return o;
    }
}
