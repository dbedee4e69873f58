package io.captchafeedback.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the in-page scripts shipped as class-path resources, for both engines. */
public final class ScriptResources {

    private ScriptResources() {
    }

    /**
     * The UTF-8 text of a resource, relative to {@code anchor}'s package or absolute ({@code /...});
     * a missing resource is a packaging bug and fails loudly.
     */
    public static String load(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + anchor.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** The script without its leading {@code //} comment lines: engines that sniff for a function expression must see it first. */
    public static String withoutLeadingComments(String text) {
        StringBuilder body = new StringBuilder();
        boolean header = true;
        for (String line : text.split("\n", -1)) {
            if (header && line.startsWith("//")) {
                continue;
            }
            header = false;
            body.append(line).append('\n');
        }
        return body.toString().strip();
    }
}
