package io.drplatform.runbooks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every invocation of the {@code dr} tool in a document (code blocks, inline code, workflow
 * {@code run:} scripts) and splits it into arguments the way a POSIX shell would for these simple lines.
 */
final class DrCommandLines {
    /** A dr invocation: where it was found and the arguments after {@code dr}. */
    record Invocation(Path file, int line, String text, List<String> arguments) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + ": " + text;
        }
    }

    /**
     * Example values for the shell variables the documents use inside dr command lines. A new variable must
     * be added here, with a value the real tool accepts, or the check fails.
     */
    static final Map<String, String> EXAMPLE_VALUES = Map.of(
            "ENVIRONMENT", "staging",
            "ENV", "staging",
            "MANIFEST", "manifests/tco-calculator.yaml",
            "SCENARIO", "restore-backup");

    /** The launcher by path anywhere ({@code ./dr-scripts/dr ...}), or {@code dr ...} opening a code line. */
    private static final Pattern INVOCATION =
            Pattern.compile("(?:(?:\\./)?dr-scripts/dr|^\\s*dr(?=\\s))((?:\\s+[^|;&>#`)]*)?)");

    private DrCommandLines() {}

    static List<Invocation> in(Path file, String text) {
        List<Invocation> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            StringBuilder logical = new StringBuilder(lines[i]);
            int first = i;
            while (logical.toString().endsWith("\\") && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(lines[++i].trim());
            }
            String line = logical.toString();
            if (!line.contains("dr-scripts/dr") && !line.trim().startsWith("dr ")) {
                continue;
            }
            Matcher m = INVOCATION.matcher(line);
            while (m.find()) {
                String rest = m.group(1) == null ? "" : m.group(1).trim();
                found.add(new Invocation(file, first + 1, ("dr " + rest).trim(), split(rest)));
            }
        }
        return found;
    }

    /** Splits on whitespace, honouring single and double quotes and expanding the example variables. */
    static List<String> split(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '$' && quote == '"') {
                    i = expand(text, i, current);
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    args.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else if (c == '$') {
                i = expand(text, i, current);
                inToken = true;
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            args.add(current.toString());
        }
        return args;
    }

    private static int expand(String text, int dollar, StringBuilder out) {
        Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?").matcher(text);
        if (!m.find(dollar) || m.start() != dollar) {
            out.append('$');
            return dollar;
        }
        String value = EXAMPLE_VALUES.get(m.group(1));
        if (value == null) {
            throw new IllegalArgumentException("no example value for $" + m.group(1)
                    + " in a dr command line; add one to DrCommandLines.EXAMPLE_VALUES");
        }
        out.append(value);
        return m.end() - 1;
    }
}
