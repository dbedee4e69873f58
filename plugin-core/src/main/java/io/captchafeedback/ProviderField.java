package io.captchafeedback;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The per-provider settings that can come from any level: file, environment, system property, builder. */
enum ProviderField {
    KEY("key", "the provider's API key"),
    TYPE("type", "the adapter type; defaults to the id when the id is a built-in type"),
    BASE_URL("baseUrl", "an absolute http or https URL replacing the adapter's default base URL"),
    TIMEOUT("timeout", "the timeout of one feedback request, such as 10s or 500ms");

    /** Every name a provider may have in a file: the fields above plus {@code options}. */
    static final List<String> FILE_KEYS = List.of("type", "key", "baseUrl", "timeout", "options");

    private final String fileName;
    private final String description;

    ProviderField(String fileName, String description) {
        this.fileName = fileName;
        this.description = description;
    }

    /** The name in files and system properties: {@code baseUrl}. */
    String fileName() {
        return fileName;
    }

    /** The suffix of environment variables: {@code BASEURL}. */
    String envName() {
        return fileName.toUpperCase(Locale.ROOT);
    }

    String description() {
        return description;
    }

    static Optional<ProviderField> byFileName(String name) {
        return Arrays.stream(values()).filter(f -> f.fileName.equals(name)).findFirst();
    }

    static Optional<ProviderField> byEnvName(String name) {
        return Arrays.stream(values()).filter(f -> f.envName().equals(name)).findFirst();
    }

    static List<String> fileNames() {
        return Arrays.stream(values()).map(ProviderField::fileName).toList();
    }

    static List<String> envNames() {
        return Arrays.stream(values()).map(ProviderField::envName).toList();
    }
}
