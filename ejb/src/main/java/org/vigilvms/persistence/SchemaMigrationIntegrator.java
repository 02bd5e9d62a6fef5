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
import org.hibernate.service.spi.SessionFactoryServiceRegistry;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/**
 * Migrates the database with Flyway while the persistence unit starts, before Hibernate validates
 * the entities against the schema ({@code hbm2ddl=validate}). Hibernate calls integrators ahead
 * of schema validation, so a deployment never runs against an old schema. A migration that fails
 * fails the deployment, with Flyway's message in the log. Only a node with the management role
 * migrates; any other checks that the schema is the one it was built for, or does not deploy.
 */
public class SchemaMigrationIntegrator implements Integrator {

    static final String DATASOURCE = "java:jboss/datasources/VigilDS";

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                          SessionFactoryImplementor sessionFactory) {
        Flyway flyway = Flyway.configure(SchemaMigrationIntegrator.class.getClassLoader())
                .dataSource(lookupDataSource())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
        NodeRoles roles = NodeRoles.from(System::getProperty);
        if (!roles.has(NodeRole.MANAGEMENT)) {
            // its database role may not change the schema (V34): it runs only on the schema it was built for,
            // so the management node is upgraded first
            flyway.validate();
            VigilLog.LOG.schemaChecked(flyway.info().current().getVersion().getVersion(), roles.toString());
            return;
        }
        MigrateResult result = flyway.migrate();
        VigilLog.LOG.schemaMigrated(result.migrationsExecuted, result.targetSchemaVersion != null
                ? result.targetSchemaVersion : String.valueOf(result.initialSchemaVersion));
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory,
                             SessionFactoryServiceRegistry serviceRegistry) {
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
