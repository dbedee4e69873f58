package io.captchafeedback.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.captchafeedback.CaptchaFeedback;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on the compiled classes with the JDK's {@code jdeps}: the core's
 * packages form no cycle, no module reaches into another's {@code internal} packages, and the core's
 * public types are exactly those listed in {@code published-api.txt} (each with Javadoc, each package
 * with a {@code package-info.java}). It lives here because this module sees every other module.
 */
class ArchitectureTest {

    private static final String ROOT = "io.captchafeedback";

    /** One class of each module whose classes are checked (the module is found from its location). */
    private static final List<String> MODULE_ANCHORS = List.of(
            "io.captchafeedback.CaptchaFeedback",
            "io.captchafeedback.testkit.site.DemoSite",
            "io.captchafeedback.selenium.SeleniumCaptchaFeedback",
            "io.captchafeedback.playwright.PlaywrightCaptchaFeedback",
            "io.captchafeedback.cucumber.CaptchaScenario",
            "io.captchafeedback.testng.CaptchaFeedbackListener",
            "io.captchafeedback.selenide.CaptchaFeedbackSelenide",
            "io.captchafeedback.webmagic.CaptchaDownloader",
            "io.captchafeedback.postgres.PostgresOutbox",
            "io.captchafeedback.micrometer.CaptchaFeedbackMetrics",
            "io.captchafeedback.samples.demo.DemoRun");

    @Test
    void theCorePackagesDependOnEachOtherWithoutACycle() throws Exception {
        Map<String, Set<String>> graph = packageGraph(location(CaptchaFeedback.class));
        assertThat(graph).as("jdeps found the core's packages").containsKeys(ROOT, ROOT + ".rule", ROOT + ".spi");
        assertThat(cycles(graph)).as("package cycles in plugin-core").isEmpty();
        assertThat(graph.getOrDefault(ROOT + ".task", Set.of()))
                .as("the task values depend on no other package of the library").isEmpty();
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackages() throws Exception {
        List<String> offences = new ArrayList<>();
        for (String anchor : MODULE_ANCHORS) {
            Path location = location(Class.forName(anchor));
            Set<String> own = packageGraph(location).keySet();
            for (String[] dep : classDependencies(location)) {
                String target = packageOf(dep[1]);
                if (target.startsWith(ROOT) && !own.contains(target) && isInternal(target)) {
                    offences.add(dep[0] + " -> " + dep[1]);
                }
            }
        }
        assertThat(offences).as("uses of another module's internal classes").isEmpty();
    }

    @Test
    void theCorePublishesExactlyTheListedTypesEachWithJavadoc() throws Exception {
        Path core = location(CaptchaFeedback.class);
        Set<String> published = new TreeSet<>();
        for (String name : classNames(core)) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (Modifier.isPublic(type.getModifiers()) && !isInternal(type.getPackageName())) {
                published.add(name);
            }
        }
        Set<String> listed = new TreeSet<>(listedApi().keySet());
        assertThat(published).as("public types of plugin-core (update published-api.txt on purpose)")
                .containsExactlyElementsOf(listed);

        Path sources = moduleSources("plugin-core");
        List<String> undocumented = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        for (String name : published) {
            String source = Files.readString(sources.resolve(name.replace('.', '/') + ".java"));
            String simple = name.substring(name.lastIndexOf('.') + 1);
            int declaration = source.indexOf(" " + simple + " ") < 0 ? source.indexOf(" " + simple + "(")
                    : Math.min(source.indexOf(" " + simple + " "), indexOrMax(source, " " + simple + "("));
            if (declaration < 0 || !source.substring(0, declaration).contains("/**")) {
                undocumented.add(name);
            }
            packages.add(name.substring(0, name.lastIndexOf('.')));
        }
        assertThat(undocumented).as("public types without Javadoc").isEmpty();
        assertThat(packages).allSatisfy(p -> assertThat(sources.resolve(p.replace('.', '/')).resolve("package-info.java"))
                .as("package-info.java of " + p).exists());
    }

    @Test
    void theUserFacingPartOfTheCoreStaysSmallerThanItsServiceProviderParts() throws IOException {
        Map<String, String> api = listedApi();
        Map<String, Long> byAudience = new TreeMap<>();
        api.values().forEach(a -> byAudience.merge(a, 1L, Long::sum));
        assertThat(byAudience).containsOnlyKeys("user", "spi-engine", "spi-provider", "spi-outbox");
        // Every type a user of the README meets is listed as "user"; the rest is for integration,
        // provider and outbox authors. Growth of the user part is a decision, made here.
        assertThat(byAudience.get("user")).isLessThanOrEqualTo(USER_TYPES_BUDGET);
    }

    /**
     * A user-facing type is one a user meets: named in README.md, docs/ or a module README, or in the
     * samples' code, or reached from such a type through its public signatures (method and constructor
     * parameters, results and exceptions, fields, supertypes, nested types), transitively. A listed user
     * type met nowhere is surface nobody asked for: make it package-private or move it to its audience.
     */
    @Test
    void everyUserFacingTypeIsMetInTheDocsOrSamplesOrThroughTheSignaturesOfOneThatIs() throws Exception {
        Path root = moduleSources("samples").getParent().getParent().getParent().getParent();
        StringBuilder text = new StringBuilder();
        List<Path> places = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("docs"), root.resolve("samples/src/main/java")));
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).forEach(places::add);
        }
        for (Path place : places) {
            try (Stream<Path> files = Files.isDirectory(place) ? Files.walk(place) : Stream.of(place)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".md") || f.toString().endsWith(".java")).toList()) {
                    text.append(Files.readString(f)).append('\n');
                }
            }
        }
        Map<String, String> api = listedApi();
        Set<String> user = new TreeSet<>();
        api.forEach((type, audience) -> {
            if (audience.equals("user")) {
                user.add(type);
            }
        });
        Set<Class<?>> met = new java.util.HashSet<>();
        java.util.Deque<Class<?>> todo = new java.util.ArrayDeque<>();
        for (String type : user) {
            if (java.util.regex.Pattern.compile("\\b" + type.substring(type.lastIndexOf('.') + 1) + "\\b").matcher(text).find()) {
                todo.add(Class.forName(type));
            }
        }
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!met.add(c)) {
                continue;
            }
            for (Class<?> r : signatureTypes(c)) {
                Class<?> top = r;
                while (top.getEnclosingClass() != null) {
                    top = top.getEnclosingClass();
                }
                if (top.getName().startsWith(ROOT + ".") && !met.contains(top)) {
                    todo.add(top);
                }
                if (r != top && !met.contains(r)) {
                    todo.add(r);
                }
            }
        }
        Set<String> unmet = new TreeSet<>(user);
        met.forEach(c -> unmet.remove(c.getName()));
        assertThat(unmet).as("user-facing types named in no doc or sample and in no public signature of one that is").isEmpty();
    }

    /** The classes named by {@code c}'s public and protected signatures, its supertypes and its public nested types. */
    private static Set<Class<?>> signatureTypes(Class<?> c) {
        List<java.lang.reflect.Type> types = new ArrayList<>();
        if (c.getGenericSuperclass() != null) {
            types.add(c.getGenericSuperclass());
        }
        types.addAll(List.of(c.getGenericInterfaces()));
        for (var m : c.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic()) {
                types.add(m.getGenericReturnType());
                types.addAll(List.of(m.getGenericParameterTypes()));
                types.addAll(List.of(m.getGenericExceptionTypes()));
            }
        }
        for (var k : c.getDeclaredConstructors()) {
            if (visible(k.getModifiers())) {
                types.addAll(List.of(k.getGenericParameterTypes()));
                types.addAll(List.of(k.getGenericExceptionTypes()));
            }
        }
        for (var f : c.getDeclaredFields()) {
            if (visible(f.getModifiers())) {
                types.add(f.getGenericType());
            }
        }
        Set<Class<?>> out = new java.util.HashSet<>();
        for (Class<?> nested : c.getDeclaredClasses()) {
            if (visible(nested.getModifiers())) {
                out.add(nested);
            }
        }
        types.forEach(t -> rawTypes(t, out));
        return out;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void rawTypes(java.lang.reflect.Type t, Set<Class<?>> into) {
        rawTypes(t, into, new java.util.HashSet<>());
    }

    /** {@code seen}: type variables whose bounds were followed (a bound may name its variable: E extends Enum<E>). */
    private static void rawTypes(java.lang.reflect.Type t, Set<Class<?>> into, Set<java.lang.reflect.Type> seen) {
        if (t instanceof Class<?> k) {
            into.add(k.isArray() ? k.getComponentType() : k);
        } else if (t instanceof java.lang.reflect.ParameterizedType p) {
            rawTypes(p.getRawType(), into, seen);
            for (var a : p.getActualTypeArguments()) {
                rawTypes(a, into, seen);
            }
        } else if (t instanceof java.lang.reflect.WildcardType w) {
            for (var b : w.getUpperBounds()) {
                rawTypes(b, into, seen);
            }
            for (var b : w.getLowerBounds()) {
                rawTypes(b, into, seen);
            }
        } else if (t instanceof java.lang.reflect.GenericArrayType a) {
            rawTypes(a.getGenericComponentType(), into, seen);
        } else if (t instanceof java.lang.reflect.TypeVariable<?> v && seen.add(v)) {
            for (var b : v.getBounds()) {
                rawTypes(b, into, seen);
            }
        }
    }

    /** The user-facing types of plugin-core: raise only with a reason. */
    private static final long USER_TYPES_BUDGET = 60;

    // ---------------------------------------------------------------------------------------------

    private static boolean isInternal(String pkg) {
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }

    private static int indexOrMax(String s, String part) {
        int i = s.indexOf(part);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** Type name -> audience, from published-api.txt ("# audience" lines start a group). */
    private static Map<String, String> listedApi() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String audience = null;
        try (var in = ArchitectureTest.class.getResourceAsStream("/published-api.txt")) {
            assertThat(in).as("published-api.txt on the test classpath").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.startsWith("# audience:")) {
                    audience = line.substring("# audience:".length()).strip();
                } else if (!line.isEmpty() && !line.startsWith("#")) {
                    out.put(line, audience);
                }
            }
        }
        return out;
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Path moduleSources(String module) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(module))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the reactor root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve(module).resolve("src/main/java");
    }

    /** Top-level class names in a classes directory or jar. */
    private static List<String> classNames(Path location) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.map(p -> location.relativize(p).toString().replace('\\', '/')).forEach(names::add);
            }
        } else {
            try (ZipFile zip = new ZipFile(location.toFile())) {
                zip.stream().map(e -> e.getName()).forEach(names::add);
            }
        }
        return names.stream().filter(n -> n.endsWith(".class") && !n.contains("$") && !n.endsWith("package-info.class")
                        && !n.startsWith("META-INF"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
    }

    /** Package -> packages it uses (same library only), from {@code jdeps -verbose:package}. */
    private static Map<String, Set<String>> packageGraph(Path location) {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : jdeps("-verbose:package", "-filter:none", location.toString()).split("\n")) {
            String[] p = line.strip().split("\\s+");
            if (p.length >= 3 && p[1].equals("->") && p[0].startsWith(ROOT)) {
                Set<String> out = graph.computeIfAbsent(p[0], k -> new TreeSet<>());
                if (p[2].startsWith(ROOT) && !p[2].equals(p[0])) {
                    out.add(p[2]);
                }
            }
        }
        return graph;
    }

    /** [from class, to class] pairs, from {@code jdeps -verbose:class}. */
    private static List<String[]> classDependencies(Path location) {
        List<String[]> deps = new ArrayList<>();
        for (String line : jdeps("-verbose:class", "-filter:none", location.toString()).split("\n")) {
            String[] p = line.strip().split("\\s+");
            if (p.length >= 3 && p[1].equals("->") && p[0].startsWith(ROOT) && p[2].startsWith(ROOT)) {
                deps.add(new String[] {p[0], p[2].replaceAll("\\$.*", "")});
            }
        }
        return deps;
    }

    private static String jdeps(String... args) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as("jdeps " + String.join(" ", args) + ": " + err).isZero();
        return out.toString();
    }

    /** The strongly connected components with more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        List<Set<String>> found = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, Integer> low = new LinkedHashMap<>();
        List<String> stack = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
            List<String> stack, List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.remove(stack.size() - 1);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    @Test
    void theCycleFinderFindsACycleAndNotAChain() {
        assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"))))
                .containsExactly(Set.of("a", "b", "c"));
        assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of()))).isEmpty();
    }
}
