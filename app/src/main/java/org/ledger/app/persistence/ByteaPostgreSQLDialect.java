package org.ledger.app.persistence;

import java.sql.Types;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

/**
 * PostgreSQL dialect that stores {@code @Lob byte[]} as {@code bytea} (profile {@code postgres}; DESIGN.md §8 traps).
 *
 * <p>Axon's JPA entities (event payload and metadata, tracking tokens, sagas, dead letters) annotate their byte
 * arrays with {@code @Lob}. Hibernate 6 maps that to {@code oid} on PostgreSQL: the bytes go to the large-object
 * store, outside the row, are written and read through the large-object API (so plain SQL such as the integrity
 * check's {@code getBytes} sees a number, not the bytes), survive the row's deletion as orphans, and need
 * {@code pg_dump --blobs}. Axon's reference guide ("PostgreSQL, LOB annotated columns") gives this fix: declare
 * BLOB columns as {@code bytea} and bind them as plain binary values. The schema is Flyway's
 * ({@code db/migration/postgresql/V1__axon.sql}); {@code ddl-auto=validate} checks the two agree.
 */
public class ByteaPostgreSQLDialect extends PostgreSQLDialect {

    /** Used by Hibernate when it can ask the connection which PostgreSQL version it talks to. */
    public ByteaPostgreSQLDialect(DialectResolutionInfo info) {
        super(info);
    }

    public ByteaPostgreSQLDialect() {
        super();
    }

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        typeContributions.getTypeConfiguration().getJdbcTypeRegistry()
                .addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
    }
}
