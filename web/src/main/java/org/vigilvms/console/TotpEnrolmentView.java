package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import org.vigilvms.login.PasswordChangeGate;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.TotpService;

/**
 * The second factor's enrolment page: a new key for the caller's authenticator app (with the
 * account's password when it replaces a factor in force), then the app's first code, which turns
 * the factor on; a session that had to enrol before anything else then opens the console.
 */
@Named
@ViewScoped
public class TotpEnrolmentView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private TotpService totp;

    @Inject
    private ConsoleRefusals refusals;

    private Boolean inForce;
    private Boolean required;
    private String password;
    private TotpService.Enrolment enrolment;
    private String code;

    /** Whether the caller has a second factor in force already (replacing it needs the password). */
    public boolean isInForce() {
        if (inForce == null) {
            inForce = totp.enabledForCaller();
        }
        return inForce;
    }

    /** Whether the caller must enrol before anything else ({@code vigil.totp.required}). */
    public boolean isRequired() {
        if (required == null) {
            required = totp.enrolmentRequiredForCaller();
        }
        return required;
    }

    /**
     * Makes a new key and shows it. A factor in force is replaced by it at once (which is why that
     * needs the password), and sign-in asks for a code again once the new key's first code is confirmed.
     */
    public void show() {
        try {
            enrolment = totp.enrol(password);
        } catch (InvalidRequestException e) {
            refusals.refused("show a new second factor key", e, "totp-form:password", ConsoleTexts.refused(e.getMessage()));
        } finally {
            password = null;
        }
    }

    /** Turns the key shown on with the app's first code, then opens the console. */
    public String confirm() {
        try {
            totp.confirm(code);
        } catch (InvalidRequestException e) {
            refusals.refused("confirm the second factor", e, "totp-form:code", ConsoleTexts.refused(e.getMessage()));
            return null;
        }
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        if (external.getSession(false) instanceof HttpSession session) {
            session.removeAttribute(PasswordChangeGate.TOTP_PENDING); // enrolled: the console opens
        }
        return "/index.xhtml?faces-redirect=true";
    }

    public TotpService.Enrolment getEnrolment() {
        return enrolment;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
