package org.vigilvms.console;

import jakarta.faces.context.FacesContext;
import java.util.ResourceBundle;

/** The console's texts ({@code msg}) in the language of the page being answered. */
final class ConsoleTexts {

    private ConsoleTexts() {
    }

    static ResourceBundle current() {
        FacesContext context = FacesContext.getCurrentInstance();
        return context.getApplication().getResourceBundle(context, "msg");
    }

    /** A text of the bundle with its arguments put in ({@link String#format}, numbers as the page's language writes them). */
    static String format(String key, Object... arguments) {
        return String.format(FacesContext.getCurrentInstance().getViewRoot().getLocale(), current().getString(key), arguments);
    }

    /** "refused: " and the service's reason, as every page tells a refusal. */
    static String refused(String reason) {
        return current().getString("console.refused") + ": " + reason;
    }
}
