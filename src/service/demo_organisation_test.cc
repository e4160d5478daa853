#include "service/demo_organisation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <set>
#include <unordered_map>

#include "domain/civil_date.h"
#include "domain/nhs_number.h"
#include "service/subject_access.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

constexpr uint64_t kSeed = 1;
constexpr UnixMicros kMicrosPerDay = 24LL * 60 * 60 * 1000 * 1000;

InitOptions DemoInitOptions() {
  InitOptions options;
  options.organisation_name = "Kestrelbury Borough Council Children's Services";
  options.kind = domain::OrganisationKind::kLocalAuthority;
  options.administrator = {"Demo Administrator", "administrator@example.org"};
  return options;
}

// A fixed instant, so two loads see the same date and the date checks are exact.
UnixMicros FixedNow() {
  auto now = domain::ParseTimestampMicros("2026-03-14T10:30:00Z");
  return now.ok() ? *now : 0;
}

// One vault loaded with the demo organisation, shared by the read-only tests: a load takes a
// second or two, and none of these tests changes anything.
class DemoOrganisationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    clock_ = std::make_unique<FakeClock>(FixedNow());
    dir_ = std::make_unique<testing::TempDir>();
    auto vault = Vault::Init(dir_->Str("data"), DemoInitOptions(), *clock_);
    ASSERT_TRUE(vault.ok()) << vault.status().ToString();
    vault_ = std::move(vault).value();
    summary_ = std::make_unique<DemoSummary>();
    secrets_ = std::make_unique<DemoSecrets>();
    ASSERT_OK(LoadDemoOrganisation(*vault_, kSeed, summary_.get(), secrets_.get()));
    // Case content is read as the designated safeguarding lead, who may see every child.
    auto staff = vault_->ListStaff(kAdmin);
    ASSERT_OK(staff);
    for (const auto& m : *staff) {
      if (m.role == domain::StaffRole::kDesignatedSafeguardingLead) dsl_ = m.id;
    }
    ASSERT_NE(dsl_, 0);
  }
  static void TearDownTestSuite() {
    vault_.reset();
    dir_.reset();
    clock_.reset();
  }
  void SetUp() override { ASSERT_NE(vault_, nullptr) << "the demo load failed"; }

  // The person with this NHS number, which must be unique.
  static Result<domain::PersonId> FindByNhs(const std::string& digits) {
    CONFIDE_ASSIGN_OR_RETURN(domain::NhsNumber nhs, domain::NhsNumber::Parse(digits));
    PersonQuery q;
    q.nhs_number = nhs;
    CONFIDE_ASSIGN_OR_RETURN(std::vector<PersonMatch> matches, vault_->FindPeople(dsl_, q));
    if (matches.size() != 1) return Status::Conflict(std::to_string(matches.size()) + " matches");
    return matches[0].id;
  }

  static constexpr domain::StaffId kAdmin = 1;  // created by Vault::Init
  static inline domain::StaffId dsl_ = 0;
  static inline std::unique_ptr<FakeClock> clock_;
  static inline std::unique_ptr<testing::TempDir> dir_;
  static inline std::unique_ptr<Vault> vault_;
  static inline std::unique_ptr<DemoSummary> summary_;
  static inline std::unique_ptr<DemoSecrets> secrets_;
};

TEST_F(DemoOrganisationTest, CountsAreInTheStatedRanges) {
  const DemoSummary& s = *summary_;
  EXPECT_GE(s.staff, 18u);
  EXPECT_LE(s.staff, 25u);
  EXPECT_GE(s.children, 180u);
  EXPECT_LE(s.children, 220u);
  EXPECT_GE(s.adults, s.children);  // every child has at least one adult, most have two or more
  EXPECT_GE(s.relationships, s.children);
  EXPECT_GE(s.allocations, s.children / 2);
  EXPECT_GE(s.records, 300u);
  EXPECT_GE(s.concerns, 50u);
  EXPECT_GE(s.amendments, 20u);
  EXPECT_GE(s.attachments, 3u);
  EXPECT_EQ(s.recipients, 5u);
  EXPECT_EQ(s.sharing_requests, 3u);

  ASSERT_OK_AND_ASSIGN(std::vector<domain::StaffMember> staff, vault_->ListStaff(kAdmin));
  EXPECT_EQ(staff.size(), s.staff + 1);  // and the administrator from Init
}

TEST_F(DemoOrganisationTest, SameSeedGivesSameSummaryAndSecrets) {
  testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Vault> vault, Vault::Init(dir.Str("data"), DemoInitOptions(), *clock_));
  DemoSummary summary;
  DemoSecrets secrets;
  ASSERT_OK(LoadDemoOrganisation(*vault, kSeed, &summary, &secrets));
  EXPECT_EQ(summary, *summary_);
  EXPECT_TRUE(secrets == *secrets_);
  EXPECT_FALSE(secrets.names.empty());
  EXPECT_EQ(secrets.nhs_numbers.size(), secrets_->nhs_numbers.size());
}

TEST_F(DemoOrganisationTest, SyntheticValuesComeFromReservedRanges) {
  ASSERT_GE(secrets_->nhs_numbers.size(), 150u);
  for (const std::string& digits : secrets_->nhs_numbers) {
    ASSERT_OK_AND_ASSIGN(domain::NhsNumber nhs, domain::NhsNumber::Parse(digits));
    EXPECT_TRUE(nhs.IsTestRange()) << digits;
  }
  size_t phones = 0;
  for (const std::string& contact : secrets_->contacts) {
    if (contact.find('@') != std::string::npos) {
      EXPECT_TRUE(contact.ends_with("@example.org") || contact.ends_with("@example.com")) << contact;
    } else {
      ++phones;
      EXPECT_TRUE(contact.starts_with("07700 900") && contact.size() == 12) << contact;
    }
  }
  EXPECT_GT(phones, 100u);
  for (const std::string& a : secrets_->addresses) {
    // Either a postcode in the non-existent XX area, or an address line ending in a made-up town.
    if (a.starts_with("XX")) {
      EXPECT_LE(a.size(), 8u) << a;
    } else {
      EXPECT_NE(a.find(", "), std::string::npos) << a;
    }
  }
}

TEST_F(DemoOrganisationTest, TemplatesLeaveNoPlaceholders) {
  for (const std::string& text : secrets_->note_texts) {
    EXPECT_EQ(text.find('{'), std::string::npos) << text;
    EXPECT_EQ(text.find('}'), std::string::npos) << text;
  }
}

TEST_F(DemoOrganisationTest, FindsAChildByNhsNumberAndByFamilyNameAndDateOfBirth) {
  const std::string& digits = secrets_->nhs_numbers.front();
  ASSERT_OK_AND_ASSIGN(domain::PersonId id, FindByNhs(digits));
  ASSERT_OK_AND_ASSIGN(domain::Person child, vault_->GetPerson(dsl_, id));
  EXPECT_EQ(child.kind, domain::PersonKind::kChild);
  ASSERT_TRUE(child.details.nhs_number.has_value());
  EXPECT_EQ(child.details.nhs_number->digits(), digits);
  ASSERT_TRUE(child.details.date_of_birth.has_value());

  PersonQuery by_name;
  by_name.family_name = child.details.family_name;
  by_name.date_of_birth = child.details.date_of_birth;
  ASSERT_OK_AND_ASSIGN(std::vector<PersonMatch> matches, vault_->FindPeople(dsl_, by_name));
  EXPECT_TRUE(std::any_of(matches.begin(), matches.end(), [&](const PersonMatch& m) { return m.id == id; }));
}

TEST_F(DemoOrganisationTest, ChildrenAreUnderEighteenAndChronologiesAreInTimeOrder) {
  const UnixMicros now = clock_->NowMicros();
  const domain::CivilDate today = domain::CivilDate::FromUnixMicros(now);
  size_t with_history = 0;
  for (size_t i = 0; i < secrets_->nhs_numbers.size(); i += 4) {
    ASSERT_OK_AND_ASSIGN(domain::PersonId id, FindByNhs(secrets_->nhs_numbers[i]));
    ASSERT_OK_AND_ASSIGN(domain::Person child, vault_->GetPerson(dsl_, id));
    const int age = domain::AgeInYearsOn(*child.details.date_of_birth, today);
    EXPECT_GE(age, 0);
    EXPECT_LE(age, 17);
    ASSERT_OK_AND_ASSIGN(std::vector<ChronologyItem> items, vault_->Chronology(dsl_, id, {}));
    for (size_t j = 0; j < items.size(); ++j) {
      EXPECT_LE(items[j].occurred_at, now);
      EXPECT_GE(items[j].occurred_at, now - 731 * kMicrosPerDay);
      if (j > 0) {
        EXPECT_LE(items[j - 1].occurred_at, items[j].occurred_at);
      }
      EXPECT_NE(items[j].author_id, domain::kSystemActor);  // written as a member of staff
    }
    if (items.size() >= 3) ++with_history;
  }
  EXPECT_GT(with_history, 10u);
}

TEST_F(DemoOrganisationTest, AmendmentsKeepTheOriginalAndGiveAReason) {
  size_t amended = 0;
  for (size_t i = 0; i < secrets_->nhs_numbers.size() && amended < 3; ++i) {
    ASSERT_OK_AND_ASSIGN(domain::PersonId id, FindByNhs(secrets_->nhs_numbers[i]));
    ASSERT_OK_AND_ASSIGN(std::vector<ChronologyItem> items, vault_->Chronology(dsl_, id, {}));
    for (const ChronologyItem& item : items) {
      if (item.version < 2) continue;
      ASSERT_OK_AND_ASSIGN(std::vector<domain::RecordVersion> history,
                           vault_->GetRecordHistory(dsl_, item.record_id));
      ASSERT_EQ(history.size(), 2u);
      EXPECT_TRUE(history[0].amendment_reason.empty());
      EXPECT_FALSE(history[1].amendment_reason.empty());
      EXPECT_FALSE(history[0].content == history[1].content && history[0].tier == history[1].tier &&
                   history[0].occurred_at == history[1].occurred_at);
      ++amended;
    }
  }
  EXPECT_GE(amended, 3u);
}

TEST_F(DemoOrganisationTest, SomeParentsMustNotKnowTheChildsAddress) {
  size_t restricted = 0;
  for (size_t i = 0; i < secrets_->nhs_numbers.size() && restricted == 0; ++i) {
    ASSERT_OK_AND_ASSIGN(domain::PersonId id, FindByNhs(secrets_->nhs_numbers[i]));
    ASSERT_OK_AND_ASSIGN(std::vector<domain::Relationship> relationships, vault_->ListRelationships(dsl_, id));
    for (const domain::Relationship& r : relationships) {
      if (!r.HasRestriction(domain::Restriction::kMustNotKnowAddress)) continue;
      EXPECT_FALSE(r.details.lives_with);
      EXPECT_FALSE(r.details.notes.empty());  // the court order or care plan that says so
      ++restricted;
    }
  }
  EXPECT_GT(restricted, 0u);
}

TEST_F(DemoOrganisationTest, TheSharingRegisterHasWorkAtEachStage) {
  // The DPO keeps the directory; the requests are about children on the first social worker's caseload.
  std::vector<domain::StaffMember> staff;
  ASSERT_OK_AND_ASSIGN(staff, vault_->ListStaff(kAdmin));
  domain::StaffId dpo = 0;
  for (const domain::StaffMember& m : staff) {
    if (m.role == domain::StaffRole::kDataProtectionOfficer) dpo = m.id;
  }
  ASSERT_NE(dpo, 0);
  ASSERT_OK_AND_ASSIGN(std::vector<sharing::Recipient> directory, vault_->ListRecipients(dpo));
  size_t verified = 0;
  for (const sharing::Recipient& r : directory) verified += r.Verified() ? 1 : 0;
  EXPECT_EQ(directory.size(), 5u);
  EXPECT_EQ(verified, 4u);
  std::vector<std::string> stages;
  for (int64_t id = 1; id <= 3; ++id) {
    ASSERT_OK_AND_ASSIGN(sharing::SharingCase c, vault_->GetSharingCase(dpo, id));
    stages.emplace_back(sharing::Name(sharing::StageOf(c)));
  }
  EXPECT_EQ(stages, (std::vector<std::string>{"awaiting_approval", "awaiting_approval", "closed"}));
}

TEST_F(DemoOrganisationTest, AuditLogVerifies) {
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, vault_->VerifyAudit());
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
  EXPECT_GT(report.entries, summary_->records);
}

// Looks for every secret in the database and its write-ahead log. Indexes the secrets by their
// first six bytes so the files are read once rather than once per secret.
TEST_F(DemoOrganisationTest, NoSecretIsStoredInClear) {
  const std::string& db = vault_->config().database_path;
  const std::string haystack = testing::ReadFileForTest(db) + '\0' + testing::ReadFileForTest(db + "-wal");
  ASSERT_GT(haystack.size(), 100000u);
  constexpr size_t kPrefix = 6;  // DemoSecrets promises nothing shorter
  std::unordered_map<std::string_view, std::vector<const std::string*>> by_prefix;
  size_t total = 0;
  for (const auto* list :
       {&secrets_->names, &secrets_->nhs_numbers, &secrets_->addresses, &secrets_->note_texts, &secrets_->contacts}) {
    for (const std::string& s : *list) {
      ASSERT_GE(s.size(), kPrefix);
      by_prefix[std::string_view(s).substr(0, kPrefix)].push_back(&s);
      ++total;
    }
  }
  EXPECT_GT(total, 1000u);
  std::vector<std::string> found;
  const std::string_view hay(haystack);
  for (size_t i = 0; i + kPrefix <= hay.size(); ++i) {
    auto it = by_prefix.find(hay.substr(i, kPrefix));
    if (it == by_prefix.end()) continue;
    for (const std::string* s : it->second) {
      if (hay.substr(i).starts_with(*s)) found.push_back(*s);
    }
  }
  EXPECT_TRUE(found.empty()) << found.size() << " secrets in clear, e.g. " << found.front();
}

TEST(DemoOrganisation, DifferentSeedsGiveDifferentPeopleAndSimilarCounts) {
  FakeClock clock(FixedNow());
  testing::TempDir dir1;
  testing::TempDir dir2;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Vault> vault1, Vault::Init(dir1.Str("data"), DemoInitOptions(), clock));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Vault> vault2, Vault::Init(dir2.Str("data"), DemoInitOptions(), clock));
  DemoSummary summary;
  DemoSecrets secrets1;
  DemoSecrets secrets2;
  ASSERT_OK(LoadDemoOrganisation(*vault1, 2, &summary, &secrets1));
  ASSERT_OK(LoadDemoOrganisation(*vault2, 3, /*summary=*/nullptr, &secrets2));
  EXPECT_NE(secrets1.names, secrets2.names);
  EXPECT_NE(secrets1.nhs_numbers, secrets2.nhs_numbers);
  EXPECT_GE(summary.children, 180u);
  EXPECT_LE(summary.children, 220u);
  EXPECT_GE(summary.records, 300u);
  EXPECT_GE(summary.concerns, 50u);
  EXPECT_GE(summary.amendments, 20u);
  EXPECT_GE(summary.attachments, 3u);
}

// Issue 6's proof for subject access: the bundle for a demo child (one with siblings, amended
// records and restricted ones) holds every record version, relationship, consent and sharing
// register entry about them, and nothing about anyone else; a redaction holds in both forms. (It
// records a request, which no other test here counts.)
TEST_F(DemoOrganisationTest, ASubjectAccessBundleHoldsEverythingAboutTheChildAndNothingElse) {
  domain::StaffId dpo = 0;
  ASSERT_OK_AND_ASSIGN(std::vector<domain::StaffMember> staff, vault_->ListStaff(kAdmin));
  for (const auto& m : staff) {
    if (m.role == domain::StaffRole::kDataProtectionOfficer) dpo = m.id;
  }
  ASSERT_NE(dpo, 0);
  // The child with the most records among those with a sibling and an amended record.
  domain::PersonId child = 0;
  size_t most = 0;
  for (const std::string& nhs : secrets_->nhs_numbers) {
    ASSERT_OK_AND_ASSIGN(domain::PersonId id, FindByNhs(nhs));
    ASSERT_OK_AND_ASSIGN(std::vector<ChronologyItem> items, vault_->Chronology(dsl_, id, {}));
    ASSERT_OK_AND_ASSIGN(std::vector<domain::Relationship> links, vault_->ListRelationships(dsl_, id));
    const bool sibling = std::any_of(links.begin(), links.end(), [](const auto& r) { return r.details.kind == domain::RelationshipKind::kSibling; });
    const bool amended = std::any_of(items.begin(), items.end(), [](const auto& i) { return i.version > 1; });
    if (sibling && amended && items.size() > most) {
      most = items.size();
      child = id;
    }
  }
  ASSERT_NE(child, 0) << "no demo child has a sibling and an amended record";

  // What Confide holds about the child, from the ordinary reads.
  std::set<std::string> expected;
  ASSERT_OK_AND_ASSIGN(domain::Person person, vault_->GetPerson(dsl_, child));
  for (int v = 1; v <= person.version; ++v) expected.insert("person/" + std::to_string(child) + "/v" + std::to_string(v));
  ASSERT_OK_AND_ASSIGN(std::vector<ChronologyItem> items, vault_->Chronology(dsl_, child, {}));
  for (const ChronologyItem& item : items) {
    for (int v = 1; v <= item.version; ++v) expected.insert("record/" + std::to_string(item.record_id) + "/v" + std::to_string(v));
  }
  ASSERT_OK_AND_ASSIGN(std::vector<domain::Relationship> links, vault_->ListRelationships(dsl_, child));
  for (const auto& r : links) expected.insert("relationship/" + std::to_string(r.id));
  ASSERT_OK_AND_ASSIGN(std::vector<sharing::ConsentRecord> consents, vault_->ListConsents(dsl_, child));
  for (const auto& c : consents) expected.insert("consent/" + std::to_string(c.id));
  ASSERT_OK_AND_ASSIGN(std::vector<sharing::SharingCase> cases, vault_->ListSharingCases(dsl_, child));
  for (const auto& c : cases) expected.insert("sharing/" + std::to_string(c.request.id));

  ASSERT_OK_AND_ASSIGN(std::unique_ptr<SubjectAccess> sar, SubjectAccess::Create(*vault_));
  SubjectAccessIntake in;
  in.person_id = child;
  in.received_on = domain::CivilDate::Parse("2026-03-10").value();
  in.requester = SarRequester::kSubject;
  in.requester_name = "The child";
  in.request_text = "Everything you hold about me";
  in.identity_confirmed = true;
  in.identity_method = "Known to the allocated social worker";
  ASSERT_OK_AND_ASSIGN(int64_t request, sar->Open(dpo, in));
  ASSERT_OK_AND_ASSIGN(std::vector<governance::BundleItem> found, sar->Search(dpo, request));
  std::set<std::string> refs;
  for (const auto& item : found) refs.insert(item.ref);
  EXPECT_EQ(refs, expected);
  EXPECT_EQ(found.size(), expected.size());

  // A phrase from one of the child's records, redacted everywhere, is in neither form.
  std::string phrase;
  for (const auto& item : found) {
    for (const auto& [name, value] : item.fields) {
      if (phrase.empty() && name == "text" && value.size() > 30) phrase = value.substr(0, 24);
    }
  }
  ASSERT_FALSE(phrase.empty());
  ASSERT_OK(sar->Redact(dpo, request, governance::Redaction{0, "*", "", phrase, governance::RedactionGround::kThirdParty, "test"}).status());
  ASSERT_OK_AND_ASSIGN(SubjectAccessBundle bundle, sar->Preview(dpo, request));
  EXPECT_EQ(bundle.json.find(phrase), std::string::npos);
  EXPECT_EQ(bundle.document.find(phrase), std::string::npos);
  EXPECT_NE(bundle.document.find("[redacted]"), std::string::npos);
  EXPECT_EQ(bundle.items, expected.size());
}

}  // namespace
}  // namespace confide::service
