package org.vigilvms.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Date;
import java.util.Properties;
import org.vigilvms.platform.InstallationSecrets;
import org.vigilvms.platform.TlsTrust;

/**
 * An e-mail delivery handed to the SMTP server of the mail subsystem's session (host, port and
 * sender from 75-mail.cli). Whatever that session says, the connection must turn to TLS
 * (STARTTLS required, TLS 1.2 or 1.3) with the server's certificate from its own CA when the setup
 * was given one, and its name checked; only then does Vigil sign in and send.
 */
final class MailTransport {

    private MailTransport() {
    }

    /** Null when the server accepted the message for every recipient, else why not. */
    static String send(Session configured, MailSettings settings, NotificationDelivery delivery) {
        try {
            Properties props = new Properties();
            props.putAll(configured.getProperties());
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
            props.put("mail.smtp.ssl.checkserveridentity", "true");
            props.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            props.put("mail.smtp.ssl.socketFactory", TlsTrust.trusting(settings.ca()).getSocketFactory());
            props.put("mail.smtp.connectiontimeout", "5000");
            props.put("mail.smtp.timeout", "10000");
            props.put("mail.smtp.writetimeout", "10000");
            props.put("mail.smtp.auth", String.valueOf(settings.user() != null));
            Session session = Session.getInstance(props);
            MimeMessage message = new MimeMessage(session);
            message.setFrom();
            for (String to : Recipients.of(delivery.getRecipients())) {
                message.addRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
            }
            message.setSubject(delivery.getSubject(), "UTF-8");
            message.setText(delivery.getBody(), "UTF-8");
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setSentDate(new Date());
            try (Transport transport = session.getTransport("smtp")) {
                if (settings.user() != null) {
                    transport.connect(settings.user(), new String(InstallationSecrets.read("smtp-password")));
                } else {
                    transport.connect();
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
            return null;
        } catch (MessagingException | GeneralSecurityException | IOException | IllegalStateException e) {
            return withCauses(e);
        }
    }

    /** The failure and what caused it (a refused certificate is the TLS failure under "could not convert socket to TLS"). */
    static String withCauses(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 512; t = t.getCause()) {
            text.append(text.length() == 0 ? "" : "; caused by ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }
}
