package org.vigilvms.persistence;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.vigilvms.logging.VigilLog;

/**
 * Migrates the database with Flyway while the persistence unit starts, before Hibernate validates
 * the entities against the schema ({@code hbm2ddl=validate}). Hibernate calls integrators ahead
 * of schema validation, so a deployment never runs against an old schema. A migration that fails
 * fails the deployment, with Flyway's message in the log.
 */
public class SchemaMigrationIntegrator implements Integrator {

    static final String DATASOURCE = "java:jboss/datasources/VigilDS";

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                          SessionFactoryImplementor sessionFactory) {
        MigrateResult result = Flyway.configure(SchemaMigrationIntegrator.class.getClassLoader())
                .dataSource(lookupDataSource())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        VigilLog.LOG.schemaMigrated(result.migrationsExecuted, result.targetSchemaVersion != null
                ? result.targetSchemaVersion : String.valueOf(result.initialSchemaVersion));
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory,
                             org.hibernate.service.spi.SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to undo
    }

    private static DataSource lookupDataSource() {
        try {
            return InitialContext.doLookup(DATASOURCE);
        } catch (NamingException e) {
            throw new IllegalStateException("datasource " + DATASOURCE + " not found: " + e.getMessage(), e);
        }
    }
}
