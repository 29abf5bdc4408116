package org.ledger.app.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.ledger.app.axon.AxonSerializerConfiguration;
import org.ledger.command.access.ActorScope;
import org.ledger.kernel.MetadataKeys;

/**
 * Checks that an aggregate loaded from its snapshot is the aggregate loaded from its events: the snapshot goes through
 * the application's real snapshot serializer (the primary one of {@link AxonSerializerConfiguration}), and then
 * <ul>
 *     <li>its state equals, field by field, the state sourced from the events (a field Jackson leaves out of the
 *     snapshot, or cannot read back, shows here), and</li>
 *     <li>every given next command is decided alike: same answer or same refusal, same events, same deadlines
 *     scheduled or cancelled.</li>
 * </ul>
 * Commands act as an unrestricted actor (the access rules are not what a snapshot changes).
 */
final class SnapshotRoundTrip<T> {

    /** What one command did to one aggregate: its result or refusal, its events and its deadline requests. */
    record Outcome(String result, List<Object> events, List<String> deadlines) {
    }

    private final Class<T> type;
    private final String aggregateId;
    private final List<Object> history;
    private final List<Object> resources;
    private final Serializer serializer =
            new AxonSerializerConfiguration().serializer(new AnnotationRevisionResolver());

    SnapshotRoundTrip(Class<T> type, String aggregateId, List<Object> history, Object... resources) {
        this.type = type;
        this.aggregateId = aggregateId;
        this.history = List.copyOf(history);
        this.resources = List.of(resources);
    }

    /** The aggregate sourced from the history, as Axon's snapshotter sees it before serializing it. */
    T fromEvents() {
        FixtureConfiguration<T> fixture = fixture(new Recorder());
        fixture.given(history);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return fixture.getRepository().load(aggregateId).invoke(root -> root);
        } finally {
            unitOfWork.rollback();
        }
    }

    /** The snapshot as stored: the serialized aggregate. */
    SerializedObject<byte[]> snapshot() {
        return serializer.serialize(fromEvents(), byte[].class);
    }

    /** The aggregate read back from its snapshot. */
    T fromSnapshot() {
        return serializer.deserialize(snapshot());
    }

    /** The snapshot's state equals the events' state, field by field (Axon's own deep-equality matcher). */
    void assertSameState() {
        T expected = fromEvents();
        T actual = fromSnapshot();
        assertThat(Matchers.deepEquals(expected).matches(actual))
                .as("%s read back from its snapshot %s", type.getSimpleName(),
                        new String(snapshot().getData(), StandardCharsets.UTF_8))
                .isTrue();
    }

    /** Each command is decided alike on the aggregate sourced from events and on the one read from its snapshot. */
    void assertSameDecisions(List<Object> commands, String user) {
        assertSameDecisions(commands, Map.of(MetadataKeys.USER, user));
    }

    /** As above, for commands sent with this metadata (the acting user, a reason...). */
    void assertSameDecisions(List<Object> commands, Map<String, Object> metadata) {
        for (Object command : commands) {
            Outcome fromEvents = decide(command, metadata, false);
            Outcome fromSnapshot = decide(command, metadata, true);
            assertThat(fromSnapshot).as("%s after a snapshot", command.getClass().getSimpleName())
                    .isEqualTo(fromEvents);
        }
    }

    private Outcome decide(Object command, Map<String, Object> metadata, boolean snapshot) {
        Recorder recorder = new Recorder();
        FixtureConfiguration<T> fixture = fixture(recorder);
        TestExecutor<T> given = snapshot ? fixture.givenState(this::fromSnapshot) : fixture.given(history);
        given.when(command, metadata)
                .expectEventsMatching(new Capture<List<? super EventMessage<?>>>(events -> events.forEach(
                        event -> recorder.events.add(((EventMessage<?>) event).getPayload()))));
        return new Outcome(recorder.result, recorder.events, recorder.deadlines);
    }

    private FixtureConfiguration<T> fixture(Recorder recorder) {
        FixtureConfiguration<T> fixture = new AggregateTestFixture<>(type);
        resources.forEach(fixture::registerInjectableResource);
        fixture.registerCommandHandlerInterceptor(recorder);
        fixture.registerDeadlineDispatchInterceptor(messages -> (index, message) -> {
            recorder.deadlines.add(message.getDeadlineName() + " " + message.getPayload());
            return message;
        });
        return fixture;
    }

    /** Records what a command answered and which deadlines it scheduled; acts as an unrestricted actor. */
    private static final class Recorder implements MessageHandlerInterceptor<CommandMessage<?>> {
        private String result;
        private final List<Object> events = new ArrayList<>();
        private final List<String> deadlines = new ArrayList<>();

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                             InterceptorChain chain) throws Exception {
            Object user = unitOfWork.getMessage().getMetaData().get(MetadataKeys.USER);
            unitOfWork.resources().put(ActorScope.RESOURCE, ActorScope.unrestricted(String.valueOf(user)));
            try {
                Object answer = chain.proceed();
                result = "answered " + answer;
                return answer;
            } catch (Exception refused) {
                result = refused.getClass().getSimpleName() + ": " + refused.getMessage();
                throw refused;
            }
        }
    }

    /** A matcher that only hands what it sees to a consumer. */
    private static final class Capture<V> extends BaseMatcher<V> {
        private final Consumer<V> consumer;

        Capture(Consumer<V> consumer) {
            this.consumer = consumer;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean matches(Object actual) {
            consumer.accept((V) actual);
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("anything");
        }
    }
}
