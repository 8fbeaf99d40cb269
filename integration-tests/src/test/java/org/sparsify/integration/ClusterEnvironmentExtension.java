package org.sparsify.integration;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the {@link ClusterEnvironment} shared by all test classes of the run, starting it on first
 * use and stopping it when JUnit closes the root context.
 */
final class ClusterEnvironmentExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ClusterEnvironmentExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClusterEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ClusterEnvironment.class, key -> start(), ClusterEnvironment.class);
    }

    private static ClusterEnvironment start() {
        try {
            return ClusterEnvironment.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting HDFS and the Spark cluster", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot start HDFS and the Spark cluster", e);
        }
    }
}
