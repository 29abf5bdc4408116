package org.ledger.app.node;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.common.ProcessRetriesExhaustedException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Applies {@link NodeRoles}: a node without the command role does not register the command controllers (their
 * paths answer 404 and are absent from the OpenAPI description); a node without the query role stops its
 * streaming processors once it is ready, so it holds no segment and the query nodes do all projection work.
 */
@Configuration(proxyBeanMethods = false)
public class NodeRolesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NodeRolesConfiguration.class);

    /** The command side's controllers live in this package tree (DESIGN.md §8 layout). */
    static final String COMMAND_PACKAGE = "org.ledger.command.";

    @Bean
    NodeRoles nodeRoles(@Value("${" + NodeRoles.PROPERTY + ":command,query}") String roles) {
        NodeRoles parsed = NodeRoles.parse(roles);
        log.info("Node roles: command={}, query={}", parsed.command(), parsed.query());
        return parsed;
    }

    @Bean
    WebMvcRegistrations nodeRoleHandlerMappings(NodeRoles roles) {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new RequestMappingHandlerMapping() {
                    @Override
                    protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
                        if (!roles.command() && handlerType.getName().startsWith(COMMAND_PACKAGE)) {
                            return null;
                        }
                        return super.getMappingForMethod(method, handlerType);
                    }
                };
            }
        };
    }

    /**
     * Axon starts every streaming processor declared in application.yml and offers no auto-start switch for
     * processors configured through properties (and shutting one down from inside Axon's own start phase waits for
     * a start that cannot finish). So a node without the query role stops them as soon as the application is ready;
     * stopping releases the claims they took meanwhile, and the query nodes take the segments over. Whatever the
     * processors handled in those seconds is harmless: projections are idempotent.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> nodeRoleProcessors(NodeRoles roles,
                                                                 EventProcessingConfiguration processing) {
        return event -> {
            if (roles.query()) {
                return;
            }
            // On a thread of its own, retrying: Axon refuses to shut a tracking processor down while its work
            // launcher is still claiming segments (ProcessRetriesExhaustedException after about a second).
            Thread stopper = new Thread(() -> processing.eventProcessors().values().forEach(processor -> {
                if (processor instanceof StreamingEventProcessor streaming) {
                    stop(streaming);
                }
            }), "node-roles-stop-projections");
            stopper.setDaemon(true);
            stopper.start();
        };
    }

    private static void stop(StreamingEventProcessor processor) {
        for (int attempt = 1; ; attempt++) {
            try {
                processor.shutDown();
                log.info("Streaming processor '{}' stopped: this node has no query role", processor.getName());
                return;
            } catch (ProcessRetriesExhaustedException e) {
                if (attempt == 60) {
                    log.warn("Streaming processor '{}' did not stop: {}", processor.getName(), e.getMessage());
                    return;
                }
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
        }
    }
}
