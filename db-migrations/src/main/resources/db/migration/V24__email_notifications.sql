-- Issue #21: alarm rules also notify by e-mail. Deliveries of both kinds share one outbox: written
-- with the alarm, in its transaction, sent afterwards with retries, DEAD after the last one. A
-- webhook delivery names its receiver; an e-mail names its recipients and carries its subject.

ALTER TABLE webhook_delivery RENAME TO notification_delivery;
ALTER INDEX webhook_delivery_due RENAME TO notification_delivery_due;
ALTER TABLE notification_delivery ADD COLUMN channel varchar(16) NOT NULL DEFAULT 'WEBHOOK'
    CHECK (channel IN ('WEBHOOK', 'EMAIL'));
ALTER TABLE notification_delivery ALTER COLUMN channel DROP DEFAULT;
ALTER TABLE notification_delivery ALTER COLUMN receiver_id DROP NOT NULL;
ALTER TABLE notification_delivery ADD COLUMN recipients varchar(1024);
ALTER TABLE notification_delivery ADD COLUMN subject varchar(255);
ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_target CHECK (
    (channel = 'WEBHOOK' AND receiver_id IS NOT NULL AND recipients IS NULL)
    OR (channel = 'EMAIL' AND receiver_id IS NULL AND recipients IS NOT NULL AND subject IS NOT NULL));
COMMENT ON TABLE notification_delivery IS 'One alarm to one webhook receiver or to the e-mail recipients of a rule: PENDING until delivered (2xx, or accepted by the SMTP server) or, after the last retry, DEAD (listed for administrators, who may send it again).';

ALTER TABLE alarm_rule ADD COLUMN email_to varchar(1024);
COMMENT ON COLUMN alarm_rule.email_to IS 'The recipients of the rule''s EMAIL action: comma-separated addresses (at most 10).';
