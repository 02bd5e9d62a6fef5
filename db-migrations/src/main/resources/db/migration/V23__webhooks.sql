-- Issue #21: alarm rules notify by webhook. A receiver is an HTTPS endpoint with a secret of its
-- own (sealed under the master key) that signs every body, and optionally the CA its certificate
-- comes from (trusted for that receiver only). Deliveries are written with the alarm, in its
-- transaction, and sent afterwards with retries; those that never got through stay as DEAD.

CREATE TABLE webhook_receiver (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          varchar(128)  NOT NULL UNIQUE,
    url           varchar(2048) NOT NULL CHECK (url LIKE 'https://%'),
    secret_sealed bytea         NOT NULL,
    ca_pem        text,
    enabled       boolean       NOT NULL,
    created_by    varchar(255)  NOT NULL,
    created_ts    timestamptz   NOT NULL
);
COMMENT ON TABLE webhook_receiver IS 'HTTPS endpoints alarm rules notify; secret_sealed: the HMAC key (AES-GCM under the master key); ca_pem: the only CA trusted for it (NULL: the JVM''s CAs).';

CREATE TABLE webhook_delivery (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    receiver_id     bigint        NOT NULL REFERENCES webhook_receiver (id),
    alarm_id        bigint        NOT NULL REFERENCES alarm (id),
    body            text          NOT NULL,
    state           varchar(16)   NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer       NOT NULL,
    next_attempt_ts timestamptz   NOT NULL,
    last_error      varchar(512),
    created_ts      timestamptz   NOT NULL,
    delivered_ts    timestamptz
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_ts) WHERE state = 'PENDING';
COMMENT ON TABLE webhook_delivery IS 'One alarm to one receiver: PENDING until delivered (2xx) or, after the last retry, DEAD (listed for administrators, who may send it again).';

ALTER TABLE alarm_rule ADD COLUMN webhook_id bigint REFERENCES webhook_receiver (id);
COMMENT ON COLUMN alarm_rule.webhook_id IS 'The receiver of the rule''s WEBHOOK action.';
