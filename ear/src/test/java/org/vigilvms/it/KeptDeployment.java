package org.vigilvms.it;

import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Keeps the Vigil EAR deployed from one test class to the next instead of undeploying it after
 * each class and deploying it again before the next (about 5 s each time, some twenty times a
 * run): a class whose managed deployment is the EAR finds it deployed by an earlier class and uses
 * it. The database, the installation folder and the server are shared by the classes anyway; what
 * this adds to the sharing is the running application's memory. A class that deploys the EAR
 * itself ({@code managed = false}: redeployment, signing key rotation) gets the server without it
 * first, and the next class deploys it again. Registered for Arquillian in
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 */
public final class KeptDeployment implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Keeper.class);
    }

    /** Watches the EAR's deployments and undeployments; one per test run (one Arquillian manager). */
    public static final class Keeper {

        /** Whether the EAR is deployed now, by whichever class. */
        private boolean deployed;

        private static boolean isEar(DeploymentDescription description) {
            return description.isArchiveDeployment() && description.getArchive().getName().equals(VigilDeployment.EAR_NAME);
        }

        public void deploy(@Observes EventContext<DeployDeployment> context) throws Exception {
            DeployDeployment event = context.getEvent();
            DeploymentDescription description = event.getDeployment().getDescription();
            if (!isEar(description)) {
                context.proceed();
                return;
            }
            if (description.managed() && deployed) {
                return; // an earlier class left it deployed: used as it is
            }
            if (!description.managed() && deployed) {
                event.getDeployableContainer().undeploy(description.getArchive()); // the class deploys it itself
                deployed = false;
            }
            context.proceed();
            deployed = event.getDeployment().isDeployed();
        }

        public void undeploy(@Observes EventContext<UnDeployDeployment> context) {
            DeploymentDescription description = context.getEvent().getDeployment().getDescription();
            if (isEar(description) && description.managed()) {
                return; // kept for the next class
            }
            context.proceed();
            if (isEar(description)) {
                deployed = false;
            }
        }
    }
}
