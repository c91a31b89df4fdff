package io.drplatform.manifest.loading;

/**
 * One thing wrong with a manifest.
 *
 * @param path       where, in manifest terms ({@code services[0].cpu}, {@code environments.production.database})
 * @param line       1-based line in the manifest file, or 0 when the value came from a platform default
 * @param message    what is wrong, in plain words
 * @param suggestion how to fix it, or null
 */
public record ManifestProblem(String path, int line, String message, String suggestion) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        // file:line: form, which editors and CI logs turn into links
        text.append(line > 0 ? String.valueOf(line) : "-")
                .append(": ")
                .append(path)
                .append(": ")
                .append(message);
        if (suggestion != null) {
            text.append(" (").append(suggestion).append(')');
        }
        return text.toString();
    }
}
