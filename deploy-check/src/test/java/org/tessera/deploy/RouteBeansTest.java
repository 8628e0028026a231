package org.tessera.deploy;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;
import org.tessera.clean.CleanRoutes;
import org.tessera.gather.GatherRoutes;
import org.tessera.gridder.GridderRoutes;
import org.tessera.partitioner.PartitionerRoutes;
import org.tessera.pipeline.PipelineConfig;
import org.tessera.restore.RestoreRoutes;
import org.tessera.service.quarkus.BrokerConnections;
import org.tessera.service.quarkus.ConfigProducer;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quarkus finds the services' routes as CDI beans: each RouteBuilder is a @Singleton whose
 * injected constructor asks only for what service-quarkus produces.
 */
class RouteBeansTest {
    @Test
    void everyRouteBuilderIsASingletonBeanWithAnInjectedConstructor() {
        for (Class<?> routes : List.of(PartitionerRoutes.class, GridderRoutes.class, GatherRoutes.class,
                CleanRoutes.class, RestoreRoutes.class)) {
            assertTrue(RoutesBuilder.class.isAssignableFrom(routes), routes.getName());
            assertNotNull(routes.getAnnotation(Singleton.class), routes + " has no bean-defining annotation");
            Constructor<?>[] constructors = routes.getConstructors();
            assertEquals(1, constructors.length, routes.getName());
            assertNotNull(constructors[0].getAnnotation(Inject.class), routes + ": constructor not @Inject");
            for (Class<?> parameter : constructors[0].getParameterTypes()) {
                assertTrue(produced().contains(parameter), routes + " needs an unproduced " + parameter);
            }
        }
    }

    @Test
    void serviceQuarkusProducesTheConfigurationAndTheConnectionFactoryAndIsABeanArchive() {
        Set<Class<?>> produced = produced();
        assertTrue(produced.contains(PipelineConfig.class));
        assertTrue(produced.contains(ConnectionFactory.class));
        assertNotNull(ConfigProducer.class.getClassLoader().getResource("META-INF/beans.xml"));
        Method factory = Arrays.stream(BrokerConnections.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Produces.class)).findFirst().orElseThrow();
        assertArrayEquals(new Class<?>[] {PipelineConfig.class}, factory.getParameterTypes());
    }

    private static Set<Class<?>> produced() {
        return List.of(ConfigProducer.class, BrokerConnections.class).stream()
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(Produces.class)).map(Method::getReturnType)
                .collect(Collectors.toSet());
    }
}
