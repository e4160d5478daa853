#include "store/sqlite/migrations.h"

#include <array>
#include <string>

namespace confide::store::sqlite {
namespace {

// Version 1: the vault, key material and the audit log (docs/formats/database.md).
constexpr const char* kV1 = R"sql(
CREATE TABLE organisation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  signing_public_key BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE org_secrets (
  name TEXT PRIMARY KEY,
  kek_id TEXT NOT NULL,
  wrapped BLOB NOT NULL
);
CREATE TABLE subjects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'staff')),
  created_at INTEGER NOT NULL,
  shredded_at INTEGER
);
CREATE TABLE subject_keys (
  subject_id INTEGER PRIMARY KEY REFERENCES subjects(id),
  kek_id TEXT NOT NULL,
  wrapped_key BLOB NOT NULL
);
CREATE TABLE staff (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id INTEGER NOT NULL UNIQUE REFERENCES subjects(id),
  role TEXT NOT NULL,
  team TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE TABLE persons (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id INTEGER NOT NULL UNIQUE REFERENCES subjects(id),
  kind TEXT NOT NULL CHECK (kind IN ('child', 'adult')),
  current_version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE person_versions (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL,
  sealed BLOB NOT NULL,
  signature BLOB NOT NULL,
  PRIMARY KEY (person_id, version)
) WITHOUT ROWID;
CREATE TABLE person_index (
  term BLOB NOT NULL,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (term, person_id)
) WITHOUT ROWID;
CREATE TABLE relationships (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  child_id INTEGER NOT NULL REFERENCES persons(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE INDEX relationships_by_child ON relationships(child_id);
CREATE INDEX person_index_by_person ON person_index(person_id);
CREATE TABLE allocations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  child_id INTEGER NOT NULL REFERENCES persons(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  role TEXT NOT NULL,
  team TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER,
  created_by INTEGER NOT NULL
);
CREATE INDEX allocations_by_child ON allocations(child_id);
CREATE INDEX allocations_by_staff ON allocations(staff_id);
CREATE TABLE records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  tier TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX records_chronology ON records(person_id, occurred_at, id);
CREATE TABLE record_versions (
  record_id INTEGER NOT NULL REFERENCES records(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  tier TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  author_id INTEGER NOT NULL,
  source_kind TEXT NOT NULL,
  sealed BLOB NOT NULL,
  signature BLOB NOT NULL,
  PRIMARY KEY (record_id, version)
) WITHOUT ROWID;
CREATE TABLE audit_entries (
  seq INTEGER PRIMARY KEY,
  entry BLOB NOT NULL,
  leaf_hash BLOB NOT NULL
);
CREATE TABLE audit_nodes (
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE audit_checkpoints (
  tree_size INTEGER PRIMARY KEY,
  root BLOB NOT NULL,
  signed_at INTEGER NOT NULL,
  signature BLOB NOT NULL
);
CREATE TABLE audit_latest_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  tree_size INTEGER NOT NULL,
  root BLOB NOT NULL,
  signed_at INTEGER NOT NULL,
  signature BLOB NOT NULL
);

-- Append-only by construction: versions and the audit log can be added to, never changed.
-- (Defence in depth against bugs; deliberate tampering is caught by signatures and audit verify.)
CREATE TRIGGER person_versions_no_update BEFORE UPDATE ON person_versions
  BEGIN SELECT RAISE(ABORT, 'person versions are append-only'); END;
CREATE TRIGGER person_versions_no_delete BEFORE DELETE ON person_versions
  BEGIN SELECT RAISE(ABORT, 'person versions are append-only'); END;
CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions
  BEGIN SELECT RAISE(ABORT, 'record versions are append-only'); END;
CREATE TRIGGER record_versions_no_delete BEFORE DELETE ON record_versions
  BEGIN SELECT RAISE(ABORT, 'record versions are append-only'); END;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_nodes_no_update BEFORE UPDATE ON audit_nodes
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
  BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
  BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
)sql";

// Version 2: sign-in, sessions, need-to-know facts and the audit lookup index.
constexpr const char* kV2 = R"sql(
CREATE TABLE credentials (
  staff_id INTEGER PRIMARY KEY REFERENCES staff(id),
  login_term BLOB NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  password_set_at INTEGER NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  totp_sealed BLOB,
  totp_confirmed_at INTEGER,
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER
);
CREATE TABLE sign_in_failures (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  at INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_staff ON sign_in_failures(staff_id, at);
CREATE TABLE recovery_codes (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  code_hash BLOB NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (staff_id, code_hash)
) WITHOUT ROWID;
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  mfa_at INTEGER,
  reauth_at INTEGER,
  ended_at INTEGER,
  end_reason TEXT NOT NULL DEFAULT '',
  csrf_hash BLOB
) WITHOUT ROWID;
CREATE INDEX sessions_by_staff ON sessions(staff_id);
CREATE TABLE training_records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  course TEXT NOT NULL,
  completed_at INTEGER NOT NULL,
  expires_at INTEGER,
  recorded_by INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX training_by_staff ON training_records(staff_id);
CREATE TABLE person_restrictions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  sealed_reason BLOB NOT NULL,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  removed_at INTEGER,
  removed_by INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX restrictions_by_person ON person_restrictions(person_id);
CREATE TABLE break_glass (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  sealed_reason BLOB NOT NULL,
  started_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE INDEX break_glass_by_start ON break_glass(started_at);
CREATE TABLE audit_index (
  seq INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  actor INTEGER NOT NULL,
  person_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX audit_index_by_person ON audit_index(person_id, time) WHERE person_id != 0;
CREATE INDEX audit_index_by_actor ON audit_index(actor, time);
CREATE INDEX audit_index_by_time ON audit_index(time);

-- Access epoch: moved on by every change to what need-to-know decisions depend on, so a process
-- holding those facts in memory notices what another process changed.
CREATE TABLE access_epoch (id INTEGER PRIMARY KEY CHECK (id = 1), epoch INTEGER NOT NULL);
INSERT INTO access_epoch(id, epoch) VALUES (1, 0);
CREATE TRIGGER staff_insert_epoch AFTER INSERT ON staff BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER staff_update_epoch AFTER UPDATE OF role, team, active ON staff BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER allocations_insert_epoch AFTER INSERT ON allocations BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER allocations_update_epoch AFTER UPDATE ON allocations BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER relationships_insert_epoch AFTER INSERT ON relationships BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER training_insert_epoch AFTER INSERT ON training_records BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER restrictions_insert_epoch AFTER INSERT ON person_restrictions BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER restrictions_update_epoch AFTER UPDATE OF removed_at ON person_restrictions BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER break_glass_insert_epoch AFTER INSERT ON break_glass BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER break_glass_update_epoch AFTER UPDATE OF ended_at ON break_glass BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
-- WHEN: UPDATE OF fires whenever the column is assigned, and PutCredential's upsert assigns every
-- column (TOTP steps, lockouts): only a real password change moves the epoch.
CREATE TRIGGER credentials_update_epoch AFTER UPDATE OF password_hash ON credentials
  WHEN OLD.password_hash IS NOT NEW.password_hash
  BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
-- Without its one row the triggers above would silently move nothing.
CREATE TRIGGER access_epoch_no_delete BEFORE DELETE ON access_epoch
  BEGIN SELECT RAISE(ABORT, 'the access epoch row is kept'); END;

-- Training records, the history of restrictions and break-glass grants are evidence: kept.
CREATE TRIGGER training_no_delete BEFORE DELETE ON training_records
  BEGIN SELECT RAISE(ABORT, 'training records are kept'); END;
CREATE TRIGGER restrictions_no_delete BEFORE DELETE ON person_restrictions
  BEGIN SELECT RAISE(ABORT, 'restrictions are kept as history'); END;
CREATE TRIGGER break_glass_no_delete BEFORE DELETE ON break_glass
  BEGIN SELECT RAISE(ABORT, 'break-glass grants are kept as history'); END;
)sql";

// Schema v3: the consent registry. The record itself (who gave it, in what capacity, for which
// purposes, recipients and categories, what was explained, how, the evidence) is sealed with the
// person's data key; the dates are in clear so whether it is in force can be asked without it.
constexpr const char* kV3 = R"sql(
CREATE TABLE consents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  sealed BLOB NOT NULL,
  given_at INTEGER NOT NULL,
  expires_at INTEGER,
  withdrawn_at INTEGER,
  recorded_by INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  withdrawal_recorded_by INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX consents_by_person ON consents(person_id);
-- Consent and its withdrawal are evidence for every share that relied on them: kept.
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
  BEGIN SELECT RAISE(ABORT, 'consent records are kept'); END;
CREATE TRIGGER consents_withdrawal_final BEFORE UPDATE OF withdrawn_at ON consents
  WHEN OLD.withdrawn_at IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'a withdrawal is final'); END;
)sql";

// Schema v4: the sharing register. Recipients become data subjects of their own (a named solicitor
// or a parent is personal data, and can be shredded), so `subjects` is rebuilt to admit the kind:
// SQLite cannot change a CHECK in place. Foreign keys are deferred for the migration's
// transaction: dropping `subjects` orphans the rows that point at it until the same ids are put
// back, and the commit checks that none is left orphaned.
//
// A request about a child, the decisions on it (each one kept: a decision taken again after an
// approval is a new row), the approvals, the disclosures and the investigations are all sealed
// with the child's data key; the clear columns hold only ids, dates and the names the policy uses.
constexpr const char* kV4 = R"sql(
PRAGMA defer_foreign_keys = ON;
CREATE TABLE subjects_before_v4 AS SELECT id, kind, created_at, shredded_at FROM subjects;
DROP TABLE subjects;
CREATE TABLE subjects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'staff', 'recipient')),
  created_at INTEGER NOT NULL,
  shredded_at INTEGER
);
INSERT INTO subjects(id, kind, created_at, shredded_at) SELECT id, kind, created_at, shredded_at FROM subjects_before_v4;
DROP TABLE subjects_before_v4;

CREATE TABLE recipients (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id INTEGER NOT NULL UNIQUE REFERENCES subjects(id),
  kind TEXT NOT NULL,
  person_id INTEGER REFERENCES persons(id),
  public_key BLOB,
  sealed BLOB NOT NULL,
  verified_at INTEGER,
  verified_by INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE sharing_agreements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document TEXT NOT NULL,
  review_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE TABLE sharing_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  direction TEXT NOT NULL,
  recipient_id INTEGER REFERENCES recipients(id),
  purpose TEXT NOT NULL,
  urgency TEXT NOT NULL,
  sealed BLOB NOT NULL,
  received_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX sharing_requests_by_person ON sharing_requests(person_id);
CREATE TABLE sharing_decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id INTEGER NOT NULL REFERENCES sharing_requests(id),
  outcome TEXT NOT NULL,
  basis TEXT NOT NULL,
  approvals_missing INTEGER NOT NULL,
  sealed BLOB NOT NULL,
  decided_by INTEGER NOT NULL,
  decided_at INTEGER NOT NULL
);
CREATE INDEX sharing_decisions_by_request ON sharing_decisions(request_id);
CREATE TABLE sharing_approvals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id INTEGER NOT NULL REFERENCES sharing_requests(id),
  approval TEXT NOT NULL,
  approved_by INTEGER NOT NULL,
  approved_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE INDEX sharing_approvals_by_request ON sharing_approvals(request_id);
CREATE TABLE disclosures (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id INTEGER NOT NULL REFERENCES sharing_requests(id),
  decision_id INTEGER NOT NULL REFERENCES sharing_decisions(id),
  recipient_id INTEGER REFERENCES recipients(id),
  package_id BLOB,
  sealed BLOB NOT NULL,
  sent_by INTEGER NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX disclosures_by_request ON disclosures(request_id);
CREATE TABLE sharing_investigations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id INTEGER NOT NULL REFERENCES sharing_requests(id),
  disclosure_id INTEGER REFERENCES disclosures(id),
  reason TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  closed_at INTEGER,
  closed_by INTEGER NOT NULL DEFAULT 0
);

-- The register is the evidence of every decision to share or not to share: nothing is deleted,
-- and a decision, an approval or a disclosure, once recorded, does not change (a row is sealed
-- once, just after its insert: its id is part of the sealed data's associated data).
CREATE TRIGGER recipients_no_delete BEFORE DELETE ON recipients
  BEGIN SELECT RAISE(ABORT, 'recipients are kept'); END;
CREATE TRIGGER sharing_agreements_no_delete BEFORE DELETE ON sharing_agreements
  BEGIN SELECT RAISE(ABORT, 'agreements are kept'); END;
CREATE TRIGGER sharing_requests_no_delete BEFORE DELETE ON sharing_requests
  BEGIN SELECT RAISE(ABORT, 'sharing requests are kept'); END;
CREATE TRIGGER sharing_decisions_no_delete BEFORE DELETE ON sharing_decisions
  BEGIN SELECT RAISE(ABORT, 'sharing decisions are kept'); END;
CREATE TRIGGER sharing_decisions_no_update BEFORE UPDATE ON sharing_decisions WHEN length(OLD.sealed) > 1
  BEGIN SELECT RAISE(ABORT, 'a sharing decision does not change: decide again'); END;
CREATE TRIGGER sharing_approvals_no_delete BEFORE DELETE ON sharing_approvals
  BEGIN SELECT RAISE(ABORT, 'approvals are kept'); END;
CREATE TRIGGER sharing_approvals_no_update BEFORE UPDATE ON sharing_approvals WHEN length(OLD.sealed) > 1
  BEGIN SELECT RAISE(ABORT, 'an approval does not change'); END;
CREATE TRIGGER disclosures_no_delete BEFORE DELETE ON disclosures
  BEGIN SELECT RAISE(ABORT, 'disclosures are kept'); END;
CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures WHEN length(OLD.sealed) > 1
  BEGIN SELECT RAISE(ABORT, 'a disclosure record does not change'); END;
CREATE TRIGGER sharing_investigations_no_delete BEFORE DELETE ON sharing_investigations
  BEGIN SELECT RAISE(ABORT, 'investigations are kept'); END;
)sql";

// Schema v5: the disclosure package as it was sent, so a sender whose file was lost (a disk full
// after the commit, a web page offering it after a redirect) can fetch it again rather than send a
// second disclosure. Sealed with the child's data key like the rest of the register (shredding the
// child destroys the organisation's copy too), written once in the disclosure's transaction and
// never changed or deleted: it is the evidence of exactly what left.
constexpr const char* kV5 = R"sql(
CREATE TABLE disclosure_packages (
  disclosure_id INTEGER PRIMARY KEY REFERENCES disclosures(id),
  sealed BLOB NOT NULL
);
-- Also before an insert: INSERT OR REPLACE would otherwise delete the row it replaces without
-- firing the delete trigger (SQLite fires it only with recursive triggers on).
CREATE TRIGGER disclosure_packages_once BEFORE INSERT ON disclosure_packages
  WHEN EXISTS (SELECT 1 FROM disclosure_packages WHERE disclosure_id = NEW.disclosure_id)
  BEGIN SELECT RAISE(ABORT, 'a disclosure package is written once'); END;
CREATE TRIGGER disclosure_packages_no_update BEFORE UPDATE ON disclosure_packages
  BEGIN SELECT RAISE(ABORT, 'a disclosure package does not change'); END;
CREATE TRIGGER disclosure_packages_no_delete BEFORE DELETE ON disclosure_packages
  BEGIN SELECT RAISE(ABORT, 'disclosure packages are kept'); END;
)sql";

// Schema v6: retention and secure destruction. A class given to a person explicitly, the legal
// holds that suspend destruction, the reviews that approve it or keep the records longer, and the
// signed certificates of what each run destroyed. Nothing here is deleted or changed except a
// hold being lifted: the history of why something was kept or destroyed is itself the evidence.
// Sealed parts use the person's data key, so destroying the person destroys their reasons too;
// certificates hold ids, classes, dates and counts only.
constexpr const char* kV6 = R"sql(
CREATE TABLE retention_assignments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  assigned_by INTEGER NOT NULL,
  assigned_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE INDEX retention_assignments_by_person ON retention_assignments(person_id, id);
CREATE TABLE legal_holds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER REFERENCES persons(id),
  class_id TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  sealed BLOB,
  placed_by INTEGER NOT NULL,
  placed_at INTEGER NOT NULL,
  lifted_at INTEGER,
  lifted_by INTEGER NOT NULL DEFAULT 0,
  CHECK ((lifted_at IS NULL) = (lifted_by = 0)),
  CHECK (person_id IS NULL OR (class_id = '' AND reason = '' AND sealed IS NOT NULL)),
  CHECK (person_id IS NOT NULL OR (reason <> '' AND sealed IS NULL))
);
CREATE TABLE retention_reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  decision TEXT NOT NULL CHECK (decision IN ('destroy', 'retain')),
  reviewed_by INTEGER NOT NULL,
  reviewed_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE INDEX retention_reviews_by_person ON retention_reviews(person_id, id);
CREATE TABLE destruction_certificates (
  id TEXT PRIMARY KEY,
  issued_by INTEGER NOT NULL,
  issued_at INTEGER NOT NULL,
  body TEXT NOT NULL,
  signature BLOB NOT NULL
);
-- Before an insert too: INSERT OR REPLACE would otherwise delete the row it replaces without firing
-- the delete triggers (an un-lifted hold, a rewritten review).
CREATE TRIGGER retention_assignments_once BEFORE INSERT ON retention_assignments
  WHEN EXISTS (SELECT 1 FROM retention_assignments WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'a retention assignment is written once'); END;
CREATE TRIGGER legal_holds_once BEFORE INSERT ON legal_holds
  WHEN EXISTS (SELECT 1 FROM legal_holds WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'a legal hold is written once'); END;
CREATE TRIGGER retention_reviews_once BEFORE INSERT ON retention_reviews
  WHEN EXISTS (SELECT 1 FROM retention_reviews WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'a retention review is written once'); END;
CREATE TRIGGER retention_assignments_kept BEFORE DELETE ON retention_assignments
  BEGIN SELECT RAISE(ABORT, 'retention assignments are kept'); END;
CREATE TRIGGER retention_assignments_fixed BEFORE UPDATE ON retention_assignments
  BEGIN SELECT RAISE(ABORT, 'a retention assignment does not change'); END;
CREATE TRIGGER legal_holds_kept BEFORE DELETE ON legal_holds
  BEGIN SELECT RAISE(ABORT, 'legal holds are lifted, not deleted'); END;
CREATE TRIGGER legal_holds_only_lifted BEFORE UPDATE ON legal_holds
  WHEN OLD.lifted_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.person_id IS NOT OLD.person_id
    OR NEW.class_id IS NOT OLD.class_id OR NEW.reason IS NOT OLD.reason OR NEW.sealed IS NOT OLD.sealed
    OR NEW.placed_by IS NOT OLD.placed_by OR NEW.placed_at IS NOT OLD.placed_at
  BEGIN SELECT RAISE(ABORT, 'a legal hold can only be lifted, once'); END;
CREATE TRIGGER retention_reviews_kept BEFORE DELETE ON retention_reviews
  BEGIN SELECT RAISE(ABORT, 'retention reviews are kept'); END;
CREATE TRIGGER retention_reviews_fixed BEFORE UPDATE ON retention_reviews
  BEGIN SELECT RAISE(ABORT, 'a retention review does not change'); END;
CREATE TRIGGER destruction_certificates_once BEFORE INSERT ON destruction_certificates
  WHEN EXISTS (SELECT 1 FROM destruction_certificates WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'a destruction certificate is written once'); END;
CREATE TRIGGER destruction_certificates_fixed BEFORE UPDATE ON destruction_certificates
  BEGIN SELECT RAISE(ABORT, 'a destruction certificate does not change'); END;
CREATE TRIGGER destruction_certificates_kept BEFORE DELETE ON destruction_certificates
  BEGIN SELECT RAISE(ABORT, 'destruction certificates are kept'); END;
)sql";

constexpr const char* kV7 = R"sql(
CREATE TABLE subject_access_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  received_on TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  recorded_by INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE INDEX subject_access_requests_by_person ON subject_access_requests(person_id, id);
CREATE TABLE subject_access_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id INTEGER NOT NULL REFERENCES subject_access_requests(id),
  kind TEXT NOT NULL CHECK (kind IN ('identity_requested', 'identity_received', 'clarification_requested',
    'clarification_received', 'extended', 'redaction', 'redaction_withdrawn', 'approved', 'released', 'closed')),
  on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  recorded_by INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE INDEX subject_access_events_by_request ON subject_access_events(request_id, id);
CREATE TABLE subject_access_releases (
  request_id INTEGER PRIMARY KEY REFERENCES subject_access_requests(id),
  bundle_id TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  released_by INTEGER NOT NULL,
  released_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE TRIGGER subject_access_requests_once BEFORE INSERT ON subject_access_requests
  WHEN EXISTS (SELECT 1 FROM subject_access_requests WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'a subject access request is written once'); END;
CREATE TRIGGER subject_access_requests_fixed BEFORE UPDATE ON subject_access_requests
  BEGIN SELECT RAISE(ABORT, 'a subject access request does not change: its steps are added'); END;
CREATE TRIGGER subject_access_requests_kept BEFORE DELETE ON subject_access_requests
  BEGIN SELECT RAISE(ABORT, 'subject access requests are kept'); END;
CREATE TRIGGER subject_access_events_once BEFORE INSERT ON subject_access_events
  WHEN EXISTS (SELECT 1 FROM subject_access_events WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'a subject access step is written once'); END;
CREATE TRIGGER subject_access_events_fixed BEFORE UPDATE ON subject_access_events
  BEGIN SELECT RAISE(ABORT, 'a subject access step does not change'); END;
CREATE TRIGGER subject_access_events_kept BEFORE DELETE ON subject_access_events
  BEGIN SELECT RAISE(ABORT, 'subject access steps are kept'); END;
CREATE TRIGGER subject_access_releases_once BEFORE INSERT ON subject_access_releases
  WHEN EXISTS (SELECT 1 FROM subject_access_releases WHERE request_id = NEW.request_id)
  BEGIN SELECT RAISE(ABORT, 'a subject access request is released once'); END;
CREATE TRIGGER subject_access_releases_fixed BEFORE UPDATE ON subject_access_releases
  BEGIN SELECT RAISE(ABORT, 'a release does not change'); END;
CREATE TRIGGER subject_access_releases_kept BEFORE DELETE ON subject_access_releases
  BEGIN SELECT RAISE(ABORT, 'releases are kept'); END;
)sql";

// Schema v8: the Freedom of Information register. An FOI requester becomes a data subject of their
// own (their name and contact are personal data with a retention period of their own), so
// `subjects` is rebuilt again to admit the kind, as in v4.
constexpr const char* kV8 = R"sql(
PRAGMA defer_foreign_keys = ON;
CREATE TABLE subjects_before_v8 AS SELECT id, kind, created_at, shredded_at FROM subjects;
DROP TABLE subjects;
CREATE TABLE subjects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'staff', 'recipient', 'foi_requester')),
  created_at INTEGER NOT NULL,
  shredded_at INTEGER
);
INSERT INTO subjects(id, kind, created_at, shredded_at) SELECT id, kind, created_at, shredded_at FROM subjects_before_v8;
DROP TABLE subjects_before_v8;

CREATE TABLE foi_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id INTEGER NOT NULL UNIQUE REFERENCES subjects(id),
  received_on TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  recorded_by INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE TABLE foi_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id INTEGER NOT NULL REFERENCES foi_requests(id),
  kind TEXT NOT NULL CHECK (kind IN ('clarification_requested', 'clarification_received', 'fee_notice', 'fee_received',
    'extended', 'routed_to_subject_access', 'responded', 'closed')),
  on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  recorded_by INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE INDEX foi_events_by_request ON foi_events(request_id, id);
CREATE TRIGGER foi_requests_once BEFORE INSERT ON foi_requests
  WHEN EXISTS (SELECT 1 FROM foi_requests WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'an FOI request is written once'); END;
CREATE TRIGGER foi_requests_fixed BEFORE UPDATE ON foi_requests
  BEGIN SELECT RAISE(ABORT, 'an FOI request does not change: its steps are added'); END;
CREATE TRIGGER foi_requests_kept BEFORE DELETE ON foi_requests
  BEGIN SELECT RAISE(ABORT, 'FOI requests are kept'); END;
CREATE TRIGGER foi_events_once BEFORE INSERT ON foi_events
  WHEN EXISTS (SELECT 1 FROM foi_events WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'an FOI step is written once'); END;
CREATE TRIGGER foi_events_fixed BEFORE UPDATE ON foi_events
  BEGIN SELECT RAISE(ABORT, 'an FOI step does not change'); END;
CREATE TRIGGER foi_events_kept BEFORE DELETE ON foi_events
  BEGIN SELECT RAISE(ABORT, 'FOI steps are kept'); END;
)sql";

// Schema v9: the personal data breach register. A breach is a data subject of its own (what
// happened and to whom is personal data with a retention period of its own), and so is each
// dismissed candidate's reason, so `subjects` is rebuilt again to admit the kind, as in v4 and v8.
// A breach raised from a candidate names it in `source`, unique, so a candidate becomes one breach.
constexpr const char* kV9 = R"sql(
PRAGMA defer_foreign_keys = ON;
CREATE TABLE subjects_before_v9 AS SELECT id, kind, created_at, shredded_at FROM subjects;
DROP TABLE subjects;
CREATE TABLE subjects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'staff', 'recipient', 'foi_requester', 'breach')),
  created_at INTEGER NOT NULL,
  shredded_at INTEGER
);
INSERT INTO subjects(id, kind, created_at, shredded_at) SELECT id, kind, created_at, shredded_at FROM subjects_before_v9;
DROP TABLE subjects_before_v9;

CREATE TABLE breaches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id INTEGER NOT NULL UNIQUE REFERENCES subjects(id),
  kind TEXT NOT NULL CHECK (kind IN ('misdirected_email', 'misdirected_post', 'lost_paper', 'lost_device',
    'unauthorised_viewing', 'unauthorised_disclosure', 'cyber_attack', 'other')),
  became_aware_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  recorded_by INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE UNIQUE INDEX breaches_by_source ON breaches(source) WHERE source <> '';
CREATE TABLE breach_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  breach_id INTEGER NOT NULL REFERENCES breaches(id),
  kind TEXT NOT NULL CHECK (kind IN ('assessed', 'decided', 'reported', 'people_told', 'action', 'closed')),
  at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
CREATE INDEX breach_events_by_breach ON breach_events(breach_id, id);
CREATE TABLE breach_dismissals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source TEXT NOT NULL UNIQUE CHECK (source <> ''),
  subject_id INTEGER NOT NULL UNIQUE REFERENCES subjects(id),
  dismissed_by INTEGER NOT NULL,
  dismissed_at INTEGER NOT NULL,
  sealed BLOB NOT NULL
);
-- Checked on every unique key, so INSERT OR REPLACE cannot delete a breach to put another in its place.
CREATE TRIGGER breaches_once BEFORE INSERT ON breaches
  WHEN EXISTS (SELECT 1 FROM breaches WHERE id = NEW.id OR subject_id = NEW.subject_id OR (NEW.source <> '' AND source = NEW.source))
  BEGIN SELECT RAISE(ABORT, 'a breach is written once'); END;
CREATE TRIGGER breaches_fixed BEFORE UPDATE ON breaches
  BEGIN SELECT RAISE(ABORT, 'a breach does not change: its steps are added'); END;
CREATE TRIGGER breaches_kept BEFORE DELETE ON breaches
  BEGIN SELECT RAISE(ABORT, 'breaches are kept'); END;
CREATE TRIGGER breach_events_once BEFORE INSERT ON breach_events
  WHEN EXISTS (SELECT 1 FROM breach_events WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'a breach step is written once'); END;
CREATE TRIGGER breach_events_fixed BEFORE UPDATE ON breach_events
  BEGIN SELECT RAISE(ABORT, 'a breach step does not change'); END;
CREATE TRIGGER breach_events_kept BEFORE DELETE ON breach_events
  BEGIN SELECT RAISE(ABORT, 'breach steps are kept'); END;
CREATE TRIGGER breach_dismissals_once BEFORE INSERT ON breach_dismissals
  WHEN EXISTS (SELECT 1 FROM breach_dismissals WHERE id = NEW.id OR source = NEW.source OR subject_id = NEW.subject_id)
  BEGIN SELECT RAISE(ABORT, 'a candidate is dismissed once'); END;
CREATE TRIGGER breach_dismissals_fixed BEFORE UPDATE ON breach_dismissals
  BEGIN SELECT RAISE(ABORT, 'a dismissed candidate does not change'); END;
CREATE TRIGGER breach_dismissals_kept BEFORE DELETE ON breach_dismissals
  BEGIN SELECT RAISE(ABORT, 'dismissed candidates are kept'); END;
)sql";

// Schema v10: acknowledgements of the confidentiality policy. Each member of staff acknowledges
// each version once; the digest of the text they were shown is kept as evidence of what they read.
// An acknowledgement is a fact the access gate uses, so it moves the access epoch on.
constexpr const char* kV10 = R"sql(
CREATE TABLE policy_acknowledgements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  policy_version TEXT NOT NULL CHECK (length(policy_version) BETWEEN 1 AND 32),
  text_digest TEXT NOT NULL CHECK (length(text_digest) = 64),
  acknowledged_at INTEGER NOT NULL,
  UNIQUE (staff_id, policy_version)
);
CREATE TRIGGER policy_acknowledgements_once BEFORE INSERT ON policy_acknowledgements
  WHEN EXISTS (SELECT 1 FROM policy_acknowledgements
               WHERE id = NEW.id OR (staff_id = NEW.staff_id AND policy_version = NEW.policy_version))
  BEGIN SELECT RAISE(ABORT, 'a version of the policy is acknowledged once'); END;
CREATE TRIGGER policy_acknowledgements_fixed BEFORE UPDATE ON policy_acknowledgements
  BEGIN SELECT RAISE(ABORT, 'an acknowledgement does not change'); END;
CREATE TRIGGER policy_acknowledgements_kept BEFORE DELETE ON policy_acknowledgements
  BEGIN SELECT RAISE(ABORT, 'acknowledgements are kept'); END;
CREATE TRIGGER policy_acknowledgements_epoch AFTER INSERT ON policy_acknowledgements
  BEGIN UPDATE access_epoch SET epoch = epoch + 1; END;
)sql";

constexpr std::array<Migration, 10> kMigrations{{
    {1, "vault, keys and audit log", kV1},
    {2, "sign-in, sessions, need-to-know facts, audit index", kV2},
    {3, "consent registry", kV3},
    {4, "sharing register: recipients, agreements, requests, decisions, approvals, disclosures", kV4},
    {5, "disclosure packages as sent", kV5},
    {6, "retention: assignments, legal holds, reviews, destruction certificates", kV6},
    {7, "subject access requests: requests, steps, releases", kV7},
    {8, "Freedom of Information requests and their steps", kV8},
    {9, "personal data breaches, their steps and dismissed candidates", kV9},
    {10, "acknowledgements of the confidentiality policy", kV10},
}};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

Result<int> CurrentSchemaVersion(Connection& conn) {
  CONFIDE_RETURN_IF_ERROR(conn.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at INTEGER NOT NULL)"));
  CONFIDE_ASSIGN_OR_RETURN(auto stmt, conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  CONFIDE_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return Status::Internal("schema version query returned no row");
  return static_cast<int>(stmt->Int(0));
}

Status Migrate(Connection& conn, std::span<const Migration> migrations) {
  CONFIDE_ASSIGN_OR_RETURN(int current, CurrentSchemaVersion(conn));
  int latest = migrations.empty() ? 0 : migrations.back().version;
  if (current > latest) {
    return Status::FailedPrecondition("the database is at schema version " + std::to_string(current) +
                                      " but this Confide knows only up to " + std::to_string(latest) +
                                      ": upgrade Confide");
  }
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    CONFIDE_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
    Status s = conn.Exec(m.sql);
    if (s.ok()) {
      auto stmt = conn.Prepare(
          "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, CAST(strftime('%s','now') AS INTEGER))");
      s = stmt.ok() ? stmt.value()->Bind(1, int64_t{m.version}).Bind(2, std::string_view(m.name)).Run() : stmt.status();
    }
    if (s.ok()) s = conn.Exec("COMMIT");
    if (!s.ok()) {
      (void)conn.Exec("ROLLBACK");
      return s.WithContext("migration " + std::to_string(m.version));
    }
  }
  return Status::Ok();
}

}  // namespace confide::store::sqlite
