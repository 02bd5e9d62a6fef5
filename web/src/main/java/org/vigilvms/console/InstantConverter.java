package org.vigilvms.console;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;
import java.text.MessageFormat;
import java.time.Instant;

/**
 * A time shown or typed in a form, in the reader's time zone ({@link ZonedTimes}); anything that
 * is not a time is told next to the field, in the page's language.
 */
@FacesConverter("vigil.instant")
public class InstantConverter implements Converter<Instant> {

    @Override
    public Instant getAsObject(FacesContext context, UIComponent component, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        ConsoleLook look = CDI.current().select(ConsoleLook.class).get();
        return new ZonedTimes(look.zone()).read(value).orElseThrow(() -> {
            String text = MessageFormat.format(context.getApplication().getResourceBundle(context, "msg").getString("time.invalid"),
                    look.getZoneName());
            return new ConverterException(new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
        });
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, Instant value) {
        return value == null ? "" : new ZonedTimes(CDI.current().select(ConsoleLook.class).get().zone()).show(value);
    }
}
