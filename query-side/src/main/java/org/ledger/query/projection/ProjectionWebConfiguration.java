package org.ledger.query.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the {@link LedgerRebuildGuard} in front of every API read. */
@Configuration(proxyBeanMethods = false)
public class ProjectionWebConfiguration implements WebMvcConfigurer {

    private final ProjectionStatus status;
    private final ObjectMapper json;

    public ProjectionWebConfiguration(ProjectionStatus status, ObjectMapper json) {
        this.status = status;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LedgerRebuildGuard(status, json)).addPathPatterns("/api/**");
    }
}
