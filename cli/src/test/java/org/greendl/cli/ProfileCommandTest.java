package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProfileCommandTest {

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString().strip());
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void jsonIsOneDocumentWithTotalsAndLayers() throws Exception {
        Result r = run("profile", "lenet5", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("lenet5", doc.get("model").asText());
        assertEquals("[1,1,28,28]", doc.get("input").toString());
        JsonNode total = doc.get("total");
        assertEquals(61_706, total.get("params").asLong());
        assertEquals(61_706, total.get("trainable_params").asLong());
        assertEquals(416_520, total.get("macs").asLong());
        assertTrue(total.get("flops").asLong() > 2 * 416_520);
        assertTrue(total.get("activation_bytes").asLong() > 0);
        assertEquals(61_706 * 4, total.get("weight_bytes").asLong());
        JsonNode first = doc.get("layers").get(0);
        assertEquals("conv2d", first.get("type").asText());
        assertEquals("[1,6,28,28]", first.get("output_shape").toString());
        assertEquals(156, first.get("params").asLong());
    }

    @Test
    void csvAndTableAndInputOverride() {
        Result csv = run("profile", "mlp", "--format", "csv", "--input", "4,1,28,28");
        assertEquals(0, csv.code(), csv.err());
        assertTrue(csv.out().contains("\ntotal,,4x1x28x28,235146,235146,939008,"), csv.out());
        Result table = run("profile", "vit-tiny", "--option", "attention=linear");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("attention-ktv"), table.out());
    }

    @Test
    void unknownModelListsTheKnownOnes() {
        Result r = run("profile", "alexnet");
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("greendl: unknown model 'alexnet'") && r.err().contains("resnet18"), r.err());
    }

    @Test
    void malformedInputIsAUsageError() {
        for (String bad : new String[] {"1,x,28,28", "", "1,,2", "0,1,28,28", "-1,1,28,28", "7"}) {
            Result r = run("profile", "cnn", "--input", bad);
            assertEquals(2, r.code(), bad);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("greendl: --input"), r.err());
        }
    }

    @Test
    void impossibleInputIsOneLine() {
        for (String bad : new String[] {"1,1,2,2", "1,1,28", "1,1,30,30"}) {
            Result r = run("profile", bad.equals("1,1,30,30") ? "vit-tiny" : "cnn", "--input", bad);
            assertEquals(1, r.code(), bad);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("greendl: cannot profile"), r.err());
        }
    }

    @Test
    void modelsListsTheZooWithCosts() throws Exception {
        Result r = run("models", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode models = new ObjectMapper().readTree(r.out()).get("models");
        assertEquals(13, models.size());
        JsonNode resnet18 = null;
        JsonNode text = null;
        for (JsonNode m : models) {
            if (m.get("name").asText().equals("resnet18")) {
                resnet18 = m;
            }
            if (m.get("name").asText().equals("text-transformer")) {
                text = m;
            }
        }
        // 64 tokens of 1,000, width 64, 2 layers: table 64,000 + positions 4,096 + 2 x 33,472 + head 388; MACs
        // 2 x (qkv 786,432 + Q K^T and A V 524,288 + out 262,144 + MLP 1,048,576) + masked mean 4,096 + head 256
        assertEquals(135_428, text.get("params").asLong());
        assertEquals(5_247_232L, text.get("macs").asLong());
        assertEquals(11_689_512, resnet18.get("params").asLong());
        assertEquals(1_814_073_344L, resnet18.get("macs").asLong());
    }
}
