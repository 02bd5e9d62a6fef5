package org.vigilvms.audit.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit trail's CSV: what auditors open in a spreadsheet, where typed text must stay text. */
class AuditCsvTest {

    @Test
    void rowsAreQuotedWhereTheyMustBeAndFormulasStayText() {
        String csv = AuditCsv.of(List.of(
                new AuditService.Entry(7, 5L, Instant.parse("2026-12-04T10:00:00Z"), "admin", "camera.added", "camera:3", "SUCCESS",
                        "name \"gate, north\""),
                new AuditService.Entry(8, null, Instant.parse("2026-12-04T10:00:01Z"), "=HYPERLINK(\"http://x\")", "login", "user:x",
                        "REJECTED", "line one\nline two"),
                new AuditService.Entry(9, 6L, Instant.parse("2026-12-04T10:00:02Z"), "@SUM(A1)", "login", "-1+2", "REJECTED", null)));
        assertEquals(AuditCsv.HEADER + "\r\n"
                + "7,5,2026-12-04T10:00:00Z,admin,camera.added,camera:3,SUCCESS,\"name \"\"gate, north\"\"\"\r\n"
                + "8,,2026-12-04T10:00:01Z,\"'=HYPERLINK(\"\"http://x\"\")\",login,user:x,REJECTED,\"line one\nline two\"\r\n"
                + "9,6,2026-12-04T10:00:02Z,'@SUM(A1),login,'-1+2,REJECTED,\r\n", csv);
    }

    @Test
    void everyFormulaStartIsDefused() {
        for (String start : List.of("=", "+", "-", "@", "\t", "\r")) {
            assertEquals('\'', AuditCsv.field(start + "1").replace("\"", "").charAt(0), "field starting with " + start.codePointAt(0));
        }
        assertEquals("plain", AuditCsv.field("plain"));
        assertEquals("", AuditCsv.field(null));
    }
}
