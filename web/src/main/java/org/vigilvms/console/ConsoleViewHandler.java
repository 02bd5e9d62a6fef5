package org.vigilvms.console;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;
import java.util.Locale;

/**
 * The language of each page (faces-config.xml): the one the person chose in their settings, else
 * the first of the browser's languages the console is written in (Faces' own choice).
 */
public class ConsoleViewHandler extends ViewHandlerWrapper {

    public ConsoleViewHandler(ViewHandler wrapped) {
        super(wrapped);
    }

    @Override
    public Locale calculateLocale(FacesContext context) {
        return CDI.current().select(ConsoleLook.class).get().language().orElseGet(() -> getWrapped().calculateLocale(context));
    }
}
