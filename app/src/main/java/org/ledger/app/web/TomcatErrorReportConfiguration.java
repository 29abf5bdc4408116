package org.ledger.app.web;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Makes the errors Tomcat answers itself problem details too ({@link ProblemErrorReportValve}). */
@Configuration(proxyBeanMethods = false)
public class TomcatErrorReportConfiguration {

    /** Runs after Spring Boot's own customizer, which adds an HTML ErrorReportValve that this one replaces. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport() {
        return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
    }
}
