package org.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.app.security.LedgerUser;
import org.ledger.command.support.CommandSender;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.issue.IssueCommands.RegisterIssue;
import org.ledger.kernel.issue.IssueEvents.IssueRegistered;
import org.ledger.kernel.issue.IssueId;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.unit.UnitId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/** Commands through the real gateway and event store: serializer, metadata, duplicate creates, read-your-writes. */
class CommandPipelineTest extends AppTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    CommandSender sender;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    Configuration axon;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    Serializer serializer;

    @Autowired
    @Qualifier("messageSerializer")
    Serializer messageSerializer;

    @BeforeEach
    void registerUnits() {
        // Commands that name units need them registered and active (UnitMustBeActive).
        TestUnits.ensure(mvc);
    }

    @AfterEach
    void clearSecurity() {
        SecurityContextHolder.clearContext();
    }

    private static IssueRegistered registered(String id) {
        return new IssueRegistered(IssueId.of(id), "流动党员管理存在欠缺", "部分流动党员长期未参加组织生活。",
                IssueSource.SELF_EXAMINATION, "2026年上半年自查", "组织建设", Severity.MAJOR, UnitId.of("branch-1"),
                UnitId.of("jgw"), LocalDate.of(2025, 6, 30), null);
    }

    private static RegisterIssue register(String id) {
        IssueRegistered e = registered(id);
        return new RegisterIssue(e.issueId(), e.title(), e.description(), e.source(), e.sourceReference(),
                e.category(), e.severity(), e.responsibleUnitId(), e.raisedByUnitId(), e.foundOn(),
                e.responsibilityItem());
    }

    private static void actAs(String user, String unit, String role) {
        LedgerUser principal = new LedgerUser(user, "n/a", List.of(new SimpleGrantedAuthority("ROLE_" + role)), unit);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
    }

    @Test
    void axonUsesOurSerializersForEverything() {
        assertThat(axon.eventSerializer()).isSameAs(eventSerializer);
        assertThat(axon.messageSerializer()).isSameAs(messageSerializer);
        assertThat(axon.serializer()).isSameAs(serializer);
    }

    @Test
    void typedIdRecordsRoundTripAsPlainStringsAndIsoDates() {
        IssueRegistered event = registered("issue-rt-1");
        SerializedObject<String> json = eventSerializer.serialize(event, String.class);
        assertThat(json.getData())
                .contains("\"issueId\":\"issue-rt-1\"")
                .contains("\"responsibleUnitId\":\"branch-1\"")
                .contains("\"foundOn\":\"2025-06-30\"");
        assertThat(json.getType().getRevision()).isEqualTo("1");
        Object back = eventSerializer.deserialize(json);
        assertThat(back).isEqualTo(event);
    }

    @Test
    void everyStoredEventCarriesWhoWhyAndCorrelation() {
        actAs("supervisor", "jgw", "SUPERVISOR");
        String id = "issue-meta-" + UUID.randomUUID();
        sender.send(register(id), id, "found in self-examination");

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(id).asStream().toList();
        assertThat(events).hasSize(1);
        var metaData = events.get(0).getMetaData();
        assertThat(metaData.get(MetadataKeys.USER)).isEqualTo("supervisor");
        assertThat(metaData.get(MetadataKeys.UNIT)).isEqualTo("jgw");
        assertThat(metaData.get(MetadataKeys.ROLES)).isEqualTo("SUPERVISOR");
        assertThat(metaData.get(MetadataKeys.REASON)).isEqualTo("found in self-examination");
        assertThat(metaData.get(MetadataKeys.CORRELATION_ID)).isNotNull();
        assertThat(metaData.get(MetadataKeys.CAUSATION_ID)).isNotNull();
        assertThat(metaData.get(MetadataKeys.TRACE_ID)).isNotNull();
        // our per-request correlation id is not Axon's message id
        assertThat(metaData.get(MetadataKeys.CORRELATION_ID)).isNotEqualTo(metaData.get(MetadataKeys.CAUSATION_ID));
        assertThat(events.get(0).getPayload()).isEqualTo(registered(id));
    }

    @Test
    void aSecondCreateWithTheSameIdIsAnAggregateStreamCreationException() {
        actAs("supervisor", "jgw", "SUPERVISOR");
        String id = "issue-dup-" + UUID.randomUUID();
        sender.send(register(id), id, null);
        Throwable second = catchThrowable(() -> sender.send(register(id), id, null));
        assertThat(second).isInstanceOf(AggregateStreamCreationException.class);

        // The refused append consumed a global index: the processors now have a gap below the next event,
        // which must not make read-your-writes wait for its timeout.
        String next = "issue-after-gap-" + UUID.randomUUID();
        long started = System.nanoTime();
        sender.send(register(next), next, null);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(2));
        assertThat(jdbc.queryForObject("select count(*) from issue_ledger where id = ?", Integer.class, next))
                .isPositive();
    }

    @Test
    void globalIndexesComeFromAStepOneSequence() {
        actAs("supervisor", "jgw", "SUPERVISOR");
        String id = "issue-seq-" + UUID.randomUUID();
        sender.send(register(id), id, null);
        long max = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        long next = jdbc.queryForObject(PostgresTestDatabase.enabled()
                ? "select last_value + 1 from domain_event_entry_seq"
                : "select base_value from information_schema.sequences where sequence_name = 'DOMAIN_EVENT_ENTRY_SEQ'",
                Long.class);
        // allocation size 1: the sequence is right behind the last index (with 50 it would be up to 50 ahead)
        assertThat(next - max).isBetween(1L, 3L);
    }

    @Test
    void httpDuplicateCreateAnswers409AlreadyExistsAndCorrelationIdIsStored() throws Exception {
        String id = "issue-http-" + UUID.randomUUID();
        String body = """
                {"id":"%s","title":"台账更新不及时","description":"整改台账未按月更新。","source":"INSPECTION",
                 "responsibleUnitId":"branch-1","raisedByUnitId":"jgw","foundOn":"2025-06-30"}""".formatted(id);
        mvc.perform(post("/api/issues").with(httpBasic("supervisor", "supervisor-pw"))
                        .header("X-Correlation-Id", "corr-" + id.hashCode())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/issues").with(httpBasic("supervisor", "supervisor-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.rule").value("AlreadyExists"))
                .andExpect(jsonPath("$.instance").value("/api/issues"));
        var metaData = eventStore.readEvents(id).asStream().toList().get(0).getMetaData();
        assertThat(metaData.get(MetadataKeys.CORRELATION_ID)).isEqualTo("corr-" + id.hashCode());
        assertThat(metaData.get(MetadataKeys.USER)).isEqualTo("supervisor");
    }

    @Test
    void theLedgerShowsAWriteAsSoonAsTheCommandAnswers() throws Exception {
        for (int i = 0; i < 15; i++) {
            String id = "issue-ryw-" + i + "-" + UUID.randomUUID();
            String body = """
                    {"id":"%s","title":"问题%d","description":"描述","source":"LOOK_BACK",
                     "responsibleUnitId":"branch-1","raisedByUnitId":"jgw","foundOn":"2025-06-30"}"""
                    .formatted(id, i);
            mvc.perform(post("/api/issues").with(httpBasic("supervisor", "supervisor-pw"))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isCreated());
            mvc.perform(get("/api/ledgers/issues/" + id).with(httpBasic("supervisor", "supervisor-pw")))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void unknownIssueAnswers404() throws Exception {
        mvc.perform(post("/api/issues/no-such-issue/acknowledgement").with(httpBasic("lead", "lead-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void brokenRuleAnswers409NamingTheRule() throws Exception {
        String id = "issue-rule-" + UUID.randomUUID();
        String body = """
                {"id":"%s","title":"t","description":"d","source":"INSPECTION",
                 "responsibleUnitId":"branch-1","raisedByUnitId":"jgw","foundOn":"2025-06-30"}""".formatted(id);
        mvc.perform(post("/api/issues").with(httpBasic("supervisor", "supervisor-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
        // root cause before acknowledgement breaks RootCauseNeedsAcknowledgement
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .put("/api/issues/" + id + "/root-cause").with(httpBasic("lead", "lead-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"analysis\":\"原因\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").isString())
                .andExpect(jsonPath("$.detail").isString());
    }

    @Test
    void staleIfMatchAnswers412() throws Exception {
        String id = "issue-412-" + UUID.randomUUID();
        String body = """
                {"id":"%s","title":"t","description":"d","source":"INSPECTION",
                 "responsibleUnitId":"branch-1","raisedByUnitId":"jgw","foundOn":"2025-06-30"}""".formatted(id);
        mvc.perform(post("/api/issues").with(httpBasic("supervisor", "supervisor-pw"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/issues/" + id + "/acknowledgement").with(httpBasic("lead", "lead-pw"))
                        .header("If-Match", "\"5\"")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.status").value(412));
    }
}
