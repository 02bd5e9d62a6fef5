package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.model.menu.DefaultMenuItem;
import org.primefaces.model.menu.DefaultMenuModel;
import org.primefaces.model.menu.MenuModel;
import org.vigilvms.security.AccessControl;

/**
 * The console's menu and breadcrumbs (the page template): the menu offers only the pages whose
 * services the user may use, asked of {@link AccessControl}; the services check every call again.
 */
@Named
@RequestScoped
public class ConsoleMenu {

    @EJB
    private AccessControl access;

    private MenuModel model;
    private final Map<ConsolePage, Boolean> offered = new EnumMap<>(ConsolePage.class);

    public MenuModel getModel() {
        if (model == null) {
            model = new DefaultMenuModel();
            for (ConsolePage page : ConsolePage.values()) {
                if (page.inMenu() && offered(page)) {
                    model.getElements().add(item(page, "menu-" + page.name().toLowerCase()));
                }
            }
        }
        return model;
    }

    /** Home, then the pages down to this one. */
    public MenuModel getCrumbs() {
        MenuModel crumbs = new DefaultMenuModel();
        ConsolePage.ofView(FacesContext.getCurrentInstance().getViewRoot().getViewId()).map(ConsolePage::trail).orElse(List.of())
                .forEach(page -> crumbs.getElements().add(item(page, "crumb-" + page.name().toLowerCase())));
        return crumbs;
    }

    /** Whether the user may see alarms (the alarm list is offered): then every page carries the alarm toasts. */
    public boolean isAlarmsOffered() {
        return offered(ConsolePage.ALARMS);
    }

    private boolean offered(ConsolePage page) {
        return offered.computeIfAbsent(page, this::decide);
    }

    private boolean decide(ConsolePage page) {
        return switch (page.need()) {
            case NOTHING -> true;
            case ANYWHERE -> Arrays.stream(page.anyOf()).anyMatch(r -> access.holdsAnywhere(r));
            case SYSTEM -> Arrays.stream(page.anyOf()).anyMatch(r -> access.holdsForAllCameras(r));
        };
    }

    private static DefaultMenuItem item(ConsolePage page, String id) {
        Locale language = FacesContext.getCurrentInstance().getViewRoot().getLocale();
        return DefaultMenuItem.builder().id(id).value(page.label(language)).url(page.file()).build();
    }
}
