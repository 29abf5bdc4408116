package org.ledger.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint under {@code /api}, read from Spring MVC's handler mappings rather than from a list kept by hand,
 * so that the tests that must cover every endpoint (the permission matrix, the hostile-input properties) notice a
 * new one.
 */
public final class ApiEndpoints {

    /** One method and path pattern, with the controller method that answers it. */
    public record Endpoint(RequestMethod method, String pattern, HandlerMethod handler) {

        /** "METHOD /pattern", e.g. {@code POST /api/issues/{id}/dismissal}. */
        public String key() {
            return method.name() + " " + pattern;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    private ApiEndpoints() {
    }

    /** Every endpoint under {@code /api}, sorted by key; a mapping without methods counts as GET. */
    public static List<Endpoint> of(RequestMappingHandlerMapping mappings) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(method, pattern, entry.getValue()));
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::key));
        return endpoints;
    }
}
