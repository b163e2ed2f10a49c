package io.pitwall.localservices.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One server per test class: started before the class's first use of it, stopped after all its
 * tests - whatever their outcome - and injected wherever a parameter of its type is declared.
 *
 * <p>The server lives in the store of the outermost test class, so {@code @Nested} classes share
 * it. It is started on first demand rather than strictly in {@code beforeAll}, because with
 * {@code @TestInstance(PER_CLASS)} the constructor is resolved before {@code beforeAll} runs.
 */
abstract class ServerExtension<S extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    /** How the concrete extension starts its server in a fresh work directory. */
    @FunctionalInterface
    interface Starter<S> {
        S start(Path workDir) throws IOException;
    }

    private static final String KEY = "server";

    private final Class<S> type;
    private final String kind;
    private final Starter<S> starter;

    ServerExtension(Class<S> type, String kind, Starter<S> starter) {
        this.type = type;
        this.kind = kind;
        this.starter = starter;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (isOutermostClass(context)) {
            Running<?> running = store(context).remove(KEY, Running.class);
            if (running != null) {
                running.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server(extensionContext);
    }

    private S server(ExtensionContext context) {
        ExtensionContext classContext = outermostClass(context);
        Running<?> running = store(classContext).getOrComputeIfAbsent(KEY, key -> start(classContext), Running.class);
        return type.cast(running.server);
    }

    private Running<S> start(ExtensionContext classContext) {
        Class<?> testClass = classContext.getRequiredTestClass();
        try {
            return new Running<>(starter.start(workDir(testClass)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + kind + " for " + testClass.getName(), e);
        }
    }

    /** {@code target/local-services/<TestClass>-<kind>-<random>} under the module being tested. */
    private Path workDir(Class<?> testClass) {
        // Surefire sets basedir to the module directory; a test run from an IDE usually runs there too.
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        String random = UUID.randomUUID().toString().substring(0, 8);
        return base.resolve("target").resolve("local-services").resolve(testClass.getSimpleName() + "-" + kind + "-" + random);
    }

    private ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(getClass()));
    }

    private static ExtensionContext outermostClass(ExtensionContext context) {
        ExtensionContext current = context;
        while (!isOutermostClass(current)) {
            current = current.getParent().orElseThrow();
        }
        return current;
    }

    private static boolean isOutermostClass(ExtensionContext context) {
        Optional<ExtensionContext> parent = context.getParent();
        return context.getTestClass().isPresent()
                && context.getTestMethod().isEmpty()
                && (parent.isEmpty() || parent.get().getTestClass().isEmpty());
    }

    /** A started server in the store; JUnit closes it with the store if afterAll never got to it. */
    private static final class Running<S extends AutoCloseable> implements ExtensionContext.Store.CloseableResource {

        private final S server;

        Running(S server) {
            this.server = server;
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not stop " + server, e);
            }
        }
    }
}
