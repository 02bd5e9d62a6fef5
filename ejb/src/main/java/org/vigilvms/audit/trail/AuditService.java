package org.vigilvms.audit.trail;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vigilvms.audit.AuditChain;
import org.vigilvms.audit.AuditChainHead;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.audit.SigningCertificates;
import org.vigilvms.platform.AnchoredHead;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/** Search, paging, CSV export and verification of the audit trail, for holders of READ_AUDIT. */
@PermitAll // authorization per call through AccessControl
@Stateless
public class AuditService {

    /** One problem the verifier found. */
    public record Finding(long chainSeq, Long rowId, String problem, String detail) {
    }

    /** The verifier's answer: how many sealed rows it walked and what was wrong. */
    public record Verification(long rowsChecked, long headSeq, List<Finding> findings) {
    }

    /** One audit row as shown to auditors. */
    public record Entry(long id, Long chainSeq, Instant eventTs, String actor, String action, String target,
                        String outcome, String detail) {
    }

    @Inject
    private SigningCertificates certificates;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    /** What to look for: each part optional (null); the actor without regard to case, the others exactly. */
    public record Filter(String actor, String action, String target, Instant from, Instant to) {
    }

    /** One page of a search, newest first, and how many rows match in all. */
    public record Page(List<Entry> entries, long total) {
    }

    /** The most rows one CSV export holds. */
    public static final int MOST_EXPORTED = 10_000;

    public List<Entry> search(String actor, String action, Instant from, Instant to, int limit) {
        access.require(AccessRight.READ_AUDIT);
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException("limit must be 1..1000");
        }
        return rows(new Filter(actor, action, null, from, to), 0, limit);
    }

    /** Rows {@code first} .. {@code first + size - 1} of what matches, newest first, with the count. */
    public Page page(Filter filter, int first, int size) {
        access.require(AccessRight.READ_AUDIT);
        if (first < 0 || size < 1 || size > 1000) {
            throw new InvalidRequestException("a page starts at 0 or later and holds 1..1000 rows");
        }
        TypedQuery<Long> count = query(filter, "SELECT count(e) FROM AuditEvent e", "", Long.class);
        return new Page(rows(filter, first, size), count.getSingleResult());
    }

    /**
     * What matches as CSV (newest first, at most {@link #MOST_EXPORTED} rows, see {@link AuditCsv});
     * the export is itself audited with its filter.
     */
    public String csv(Filter filter) {
        access.require(AccessRight.READ_AUDIT);
        List<Entry> rows = rows(filter, 0, MOST_EXPORTED);
        audit.record(access.caller().name(), "audit.exported", "audit", AuditEvent.Outcome.SUCCESS,
                rows.size() + " rows; " + describe(filter));
        return AuditCsv.of(rows);
    }

    private List<Entry> rows(Filter filter, int first, int size) {
        return query(filter, "SELECT e FROM AuditEvent e", " ORDER BY e.id DESC", AuditEvent.class)
                .setFirstResult(first).setMaxResults(size).getResultList().stream().map(e -> new Entry(e.getId(), e.getChainSeq(),
                        e.getEventTs(), e.getActor(), e.getAction(), e.getTarget(), e.getOutcome().name(), e.getDetail())).toList();
    }

    private <T> TypedQuery<T> query(Filter filter, String select, String order, Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" WHERE 1 = 1");
        if (filter.actor() != null) {
            jpql.append(" AND lower(e.actor) = lower(:actor)");
        }
        if (filter.action() != null) {
            jpql.append(" AND e.action = :action");
        }
        if (filter.target() != null) {
            jpql.append(" AND e.target = :target");
        }
        if (filter.from() != null) {
            jpql.append(" AND e.eventTs >= :from");
        }
        if (filter.to() != null) {
            jpql.append(" AND e.eventTs < :to");
        }
        TypedQuery<T> query = em.createQuery(jpql.append(order).toString(), type);
        if (filter.actor() != null) {
            query.setParameter("actor", filter.actor());
        }
        if (filter.action() != null) {
            query.setParameter("action", filter.action());
        }
        if (filter.target() != null) {
            query.setParameter("target", filter.target());
        }
        if (filter.from() != null) {
            query.setParameter("from", filter.from());
        }
        if (filter.to() != null) {
            query.setParameter("to", filter.to());
        }
        return query;
    }

    private static String describe(Filter filter) {
        return "actor " + filter.actor() + ", action " + filter.action() + ", target " + filter.target() + ", from " + filter.from()
                + ", to " + filter.to();
    }

    /**
     * Walks the sealed audit chain: a row whose content no longer hashes to its link is EDITED
     * (named by id); a hole in the positions is DELETED (named by position and the ids around
     * it); a signed head beyond the newest row is TRUNCATED; a head whose signature fails is
     * HEAD_SIGNATURE_INVALID.
     */
    public Verification verify() {
        return verify(null);
    }

    /**
     * As {@link #verify()}, and against {@code anchor} too when given: the newest audit head the
     * SIEM received (export it from the SIEM before calling). It must verify with a signing key of
     * this installation (else 400). Rows it names beyond the stored head are REMOVED_WITH_HEADS
     * (rows and head rolled back together, which the stored chain alone cannot show); a row at its
     * position that hashes differently is REWRITTEN.
     */
    public Verification verify(AnchoredHead anchor) {
        access.require(AccessRight.READ_AUDIT);
        List<Finding> findings = new ArrayList<>();
        // the head first: rows sealed while we walk are beyond it and left for the next check
        AuditChainHead head = em.find(AuditChainHead.class, (short) 1);
        long headSeq = head == null ? 0 : head.getChainSeq();
        long expected = 1;
        byte[] previous = null;
        long checked = 0;
        Long previousId = null;
        int page = 5000;
        List<AuditEvent> rows;
        long after = 0;
        do {
            rows = em.createQuery("SELECT e FROM AuditEvent e WHERE e.chainSeq > :after AND e.chainSeq <= :head "
                            + "ORDER BY e.chainSeq", AuditEvent.class)
                    .setParameter("after", after).setParameter("head", headSeq).setMaxResults(page).getResultList();
            for (AuditEvent row : rows) {
                long seq = row.getChainSeq();
                if (seq > expected) {
                    findings.add(new Finding(expected, null, "DELETED", (seq - expected) + " row(s) at positions " + expected
                            + ".." + (seq - 1) + " are gone (between row ids " + previousId + " and " + row.getId() + ")"));
                    previous = null; // the predecessor's hash went with it: check this row against its own stored link
                }
                byte[] link = previous == null && seq > 1 ? null : AuditChain.link(previous, seq, row);
                if (link != null && !Arrays.equals(link, row.getChainHash())) {
                    findings.add(new Finding(seq, row.getId(), "EDITED", "row " + row.getId() + " (" + row.getAction()
                            + ") does not match its chain link"));
                }
                previous = row.getChainHash();
                previousId = row.getId();
                expected = seq + 1;
                after = seq;
                checked++;
            }
            em.clear();
        } while (rows.size() == page);
        if (head != null) {
            if (!certificates.verifies(head.getSignerSha256(), AuditChain.headStatement(head.getChainSeq(), head.getChainHash(),
                    head.getSignedTs()), head.getSignature(), head.getSignedTs())) {
                findings.add(new Finding(head.getChainSeq(), null, "HEAD_SIGNATURE_INVALID", "the signed head was altered"));
            } else if (head.getChainSeq() >= expected) {
                findings.add(new Finding(expected, null, "TRUNCATED", "rows " + expected + ".." + head.getChainSeq()
                        + " were sealed and are gone"));
            }
        }
        if (anchor != null) {
            checkAnchor(anchor, headSeq, findings);
        }
        return new Verification(checked, headSeq, List.copyOf(findings));
    }

    private void checkAnchor(AnchoredHead anchor, long headSeq, List<Finding> findings) {
        if (!certificates.verifiesByAny(AuditChain.headStatement(anchor.chainSeq(), anchor.chainHash(), anchor.signedAt()),
                anchor.signature(), anchor.signedAt())) {
            throw new InvalidRequestException("the anchored head does not verify with a signing key of this installation: it is not "
                    + "an audit head this server signed");
        }
        if (anchor.chainSeq() > headSeq) {
            findings.add(new Finding(headSeq + 1, null, "REMOVED_WITH_HEADS", "rows " + (headSeq + 1) + ".." + anchor.chainSeq()
                    + " were sealed under the head signed at " + anchor.signedAt() + " (kept by the SIEM) and are gone together "
                    + "with the server's signed head"));
            return;
        }
        List<AuditEvent> row = em.createQuery("SELECT e FROM AuditEvent e WHERE e.chainSeq = :seq", AuditEvent.class)
                .setParameter("seq", anchor.chainSeq()).getResultList();
        if (!row.isEmpty() && !Arrays.equals(row.get(0).getChainHash(), anchor.chainHash())) {
            findings.add(new Finding(anchor.chainSeq(), row.get(0).getId(), "REWRITTEN", "the chain up to here differs from the "
                    + "head signed at " + anchor.signedAt() + " and kept by the SIEM"));
        }
    }
}
