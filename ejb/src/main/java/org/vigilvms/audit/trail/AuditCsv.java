package org.vigilvms.audit.trail;

import java.util.List;

/**
 * Audit rows as CSV (RFC 4180: comma-separated, CRLF, fields quoted when they hold a comma, a
 * quote or a line break). Actors, targets and details come from users, so a field that a
 * spreadsheet would take for a formula (starting with =, +, -, @, a tab or a carriage return)
 * is prefixed with an apostrophe: opening the export never runs what someone typed.
 */
public final class AuditCsv {

    static final String HEADER = "id,chain_seq,time_utc,actor,action,target,outcome,detail";

    private AuditCsv() {
    }

    public static String of(List<AuditService.Entry> rows) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (AuditService.Entry row : rows) {
            csv.append(row.id()).append(',').append(row.chainSeq() == null ? "" : row.chainSeq()).append(',')
                    .append(row.eventTs()).append(',').append(field(row.actor())).append(',').append(field(row.action())).append(',')
                    .append(field(row.target())).append(',').append(field(row.outcome())).append(',').append(field(row.detail()))
                    .append("\r\n");
        }
        return csv.toString();
    }

    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
