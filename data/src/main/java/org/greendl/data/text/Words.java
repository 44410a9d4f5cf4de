package org.greendl.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The pre-tokenization both tokenizers share: lower-case, then runs of letters and digits are the words. */
final class Words {
    private Words() {}

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            boolean part = Character.isLetterOrDigit(cp);
            if (part && start < 0) {
                start = i;
            } else if (!part && start >= 0) {
                out.add(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(lower.substring(start));
        }
        return out;
    }
}
