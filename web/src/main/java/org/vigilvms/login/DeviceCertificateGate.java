package org.vigilvms.login;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import org.vigilvms.device.DeviceCertificateMode;
import org.vigilvms.device.DeviceCertificateService;

/**
 * Device-certificate mode (X.1453 A-3; {@link DeviceCertificateMode#required()}, asked per
 * request): every request, the sign-in page included, must come over a TLS connection whose
 * client certificate the internal CA issued to an enrolled, unrevoked device; others get 403
 * and an audit entry. The TLS layer has validated the chain; the enrolment list decides, so a
 * revocation takes effect at the next request. Only the health endpoint (load balancers) is exempt.
 */
@WebFilter(urlPatterns = "/*")
public class DeviceCertificateGate extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    private DeviceCertificateService devices;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!DeviceCertificateMode.required()
                || "/api/v1/health".equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            chain.doFilter(request, response);
            return;
        }
        X509Certificate[] presented = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        String client = request.getRemoteUser() != null ? request.getRemoteUser() : request.getRemoteAddr();
        DeviceCertificateService.Admission admission = devices.admit(presented == null || presented.length == 0 ? null : presented[0],
                client);
        if (admission.admitted()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(("This Vigil installation admits only enrolled devices: " + admission.reason()
                + ".\nAsk an administrator to enrol this device's certificate.\n").getBytes(StandardCharsets.UTF_8));
    }
}
