package org.vigilvms.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

/** The texts the console's scripts show (the bundle's keys under "js."), as one JSON object in the page's language. */
@Named
@RequestScoped
public class ScriptTexts {

    static final String PREFIX = "js.";
    private static final Jsonb JSON = JsonbBuilder.create();

    public String getJson() {
        ResourceBundle texts = ConsoleTexts.current();
        Map<String, String> forScripts = new TreeMap<>();
        texts.keySet().stream().filter(key -> key.startsWith(PREFIX))
                .forEach(key -> forScripts.put(key.substring(PREFIX.length()), texts.getString(key)));
        return JSON.toJson(forScripts);
    }
}
