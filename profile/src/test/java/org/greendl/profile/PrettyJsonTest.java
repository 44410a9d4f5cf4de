package org.greendl.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout profile and model.json files have always had (it was Gson's pretty printing). */
class PrettyJsonTest {

    @Test
    void writesTheLayoutOfEarlierFiles() {
        ObjectNode doc = PrettyJson.object();
        doc.put("name", "a\"b\\c\u00e9\u2028\t<>&'=\u0001");
        doc.putArray("dims").add(1).add(28L);
        doc.putArray("none");
        doc.putObject("empty");
        doc.putNull("left out");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("f", 0.1f);
        extra.put("d", 1.5);
        extra.put("missing", null);
        extra.put("list", List.of("N", true));
        doc.set("extra", PrettyJson.MAPPER.valueToTree(extra));
        assertEquals("""
                {
                  "name": "a\\"b\\\\c\u00e9\\u2028\\t<>&'=\\u0001",
                  "dims": [
                    1,
                    28
                  ],
                  "none": [],
                  "empty": {},
                  "extra": {
                    "f": 0.1,
                    "d": 1.5,
                    "list": [
                      "N",
                      true
                    ]
                  }
                }""", PrettyJson.write(doc));
    }
}
