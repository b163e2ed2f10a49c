package io.pitwall.contracts.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example documents under {@code src/test/resources/examples/<message>/{valid,invalid}}. */
public final class Examples {

    private Examples() {
    }

    public record Example(String name, byte[] json) {
        /** For an invalid example, the reject reason code its file name starts with. */
        public String expectedReason() {
            int separator = name.indexOf("--");
            if (separator < 0) {
                throw new IllegalStateException("invalid example " + name + " must be named <reason-code>--<what>.json");
            }
            return name.substring(0, separator);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static Stream<Example> valid(String message) {
        return load(message + "/valid").stream();
    }

    public static Stream<Example> invalid(String message) {
        return load(message + "/invalid").stream();
    }

    private static List<Example> load(String folder) {
        URL url = Examples.class.getResource("/examples/" + folder);
        if (url == null) {
            throw new IllegalStateException("no examples in " + folder);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Examples::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Example read(Path file) {
        try {
            String name = file.getFileName().toString();
            return new Example(name.substring(0, name.length() - ".json".length()), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
