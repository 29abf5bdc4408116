package org.ledger.app.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description, which staff read in Swagger UI every day (DESIGN.md §1): bilingual title and
 * description, two security schemes offered for every operation (the Authorize button) — HTTP Basic for the accounts
 * of the embedded default and a bearer token (JWT): the organisation's identity provider's in the profile
 * {@code jwt}, the application's own ({@code POST /api/auth/token}) in the embedded default; either one satisfies an operation, the server accepts the one its profile enables — and the
 * Chinese label of every {@link org.ledger.kernel.Labelled} enum value beside its code
 * ({@link LabelledEnumDescriptions}).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** The name of the security scheme in {@code components.securitySchemes}. */
    public static final String BASIC = "basic";
    /** The name of the bearer token (JWT) scheme in {@code components.securitySchemes}. */
    public static final String BEARER = "bearer";

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("整改台账 API — Responsibility, issue and rectification ledgers")
                        .version("v1")
                        .description("""
                                社区党委的责任清单、任务清单、问题清单和整改台账。每一次变更都是带有操作人、时间和原因的事实，\
                                永久保存；台账可按任意历史时点查询（asOf）。登录：点击 **Authorize**，输入账号和密码（basic），\
                                或粘贴令牌（bearer：生产环境由统一身份认证签发；内置安装可用 POST /api/auth/token 以账号密码换取）。

                                Event-sourced ledgers of a community Party committee: responsibility items, tasks, \
                                issues found by inspections and look-backs, and their rectification until verified \
                                and closed (销号). Every change is a fact with who, when and why, kept for ever; every \
                                ledger can be read as of any past instant. Sign in with **Authorize**: HTTP Basic \
                                with a ledger account (embedded installation), or a bearer token: the identity \
                                provider's (production), or one from `POST /api/auth/token` (embedded installation, \
                                which spares a password check on every call). \
                                Errors are RFC 9457 problem details; writes accept `If-Match` with the `ETag` of a read.
                                """))
                .components(new Components().addSecuritySchemes(BASIC, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("账号与密码 / ledger account name and password (embedded installation)"))
                        .addSecuritySchemes(BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("令牌 / access token (JWT): the organisation's identity provider's "
                                        + "(profile jwt), or one from POST /api/auth/token (embedded installation)")))
                // Two requirements = either one (OpenAPI: alternatives), not both together.
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer labelledEnumDescriptions() {
        return new LabelledEnumDescriptions("org.ledger");
    }
}
