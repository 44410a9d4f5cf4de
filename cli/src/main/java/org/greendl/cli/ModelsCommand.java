package org.greendl.cli;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.nn.zoo.Recipe;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code greendl models}: the zoo, with parameters and MACs at each model's default input. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the model zoo with parameters and MACs at each model's default input.")
public final class ModelsCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!List.of("table", "json").contains(format)) {
            throw new Cli.UsageFailure("--format must be table or json, got '" + format + "'");
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode models = mapper.createArrayNode();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %-16s %14s %16s  %-28s %s%n",
                "model", "input", "params", "MACs", "default recipe", "what"));
        for (String name : ModelZoo.names()) {
            Shape in = ModelZoo.defaultInput(name);
            Profile p = Profiler.profile(ModelZoo.build(name), in);
            ObjectNode m = models.addObject();
            m.put("name", name);
            ArrayNode dims = m.putArray("input");
            for (long d : in.getShape()) {
                dims.add(d);
            }
            m.put("params", p.total().params());
            m.put("macs", p.total().macs());
            m.put("flops", p.total().flops());
            m.put("summary", ModelZoo.summary(name));
            Recipe recipe = ModelZoo.recipe(name);
            ObjectNode r = m.putObject("recipe");
            r.put("optimizer", recipe.optimizer());
            r.put("lr", recipe.learningRate());
            r.put("schedule", recipe.schedule());
            r.put("chosen_by", recipe.chosenBy());
            table.append(String.format(Locale.ROOT, "%-16s %-16s %,14d %,16d  %-28s %s%n", name,
                    in.toString().replace(" ", ""), p.total().params(), p.total().macs(),
                    recipe == Recipe.UNTUNED ? recipe.describe() + " *" : recipe.describe(), ModelZoo.summary(name)));
        }
        table.append("* not tuned for this model (a generic default); the others were chosen on validation accuracy\n");
        if ("json".equals(format)) {
            ObjectNode doc = mapper.createObjectNode();
            doc.set("models", models);
            System.out.println(mapper.writeValueAsString(doc));
        } else {
            System.out.print(table);
        }
        return 0;
    }
}
