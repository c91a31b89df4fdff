package io.drplatform.dr.rehearsal.template;

import java.util.regex.Pattern;

/**
 * An ALB path-pattern condition value: matched against the whole path (not the query string), case-sensitively,
 * where {@code *} matches any characters including {@code /} and {@code ?} exactly one character.
 */
public record PathPattern(String value, Pattern regex) {

    public static PathPattern of(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new PathPattern(value, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }
}
