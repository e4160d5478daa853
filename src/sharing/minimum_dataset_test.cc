// The minimum dataset: a child, her parents and four records with a distinctive value in every
// field; for every subset of the categories the builder reads, each value leaves (in the data and
// the document) exactly when its categories are released, `fields` names exactly what left and
// `withheld` the rest; anonymous informants and third parties stay unnamed; record versions are named.
#include "sharing/minimum_dataset.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "testing/test_util.h"

namespace confide::sharing {
namespace {

using domain::RecordKind;
using domain::SensitivityTier;
using domain::SourceKind;
using nlohmann::json;

domain::RecordVersion Record(domain::RecordId id, domain::VersionNumber version, RecordKind kind, SensitivityTier tier,
                             UnixMicros day) {
  domain::RecordVersion r;
  r.record_id = id;
  r.version = version;
  r.person_id = 12;
  r.kind = kind;
  r.tier = tier;
  r.occurred_at = day * 86'400'000'000;
  r.recorded_at = r.occurred_at + 3'600'000'000;
  r.author_id = 3;
  return r;
}

DatasetSource Child() {
  DatasetSource s;
  s.child.id = 12;
  s.child.kind = domain::PersonKind::kChild;
  domain::PersonDetails& d = s.child.details;
  d.given_names = "Zephyrine Ottilie";
  d.family_name = "Marchbanks";
  d.preferred_name = "Zizi";
  d.date_of_birth = domain::CivilDate{2018, 7, 14};
  d.gender = "Xylogender";
  d.nhs_number = *domain::NhsNumber::Parse("9434765919");
  d.unique_pupil_number = "K801200000123";
  d.la_child_id = "LACID-77881";
  d.phone = "07700 900417";
  d.email = "contact.token@example.org";
  d.address = "9 Wrenfield Row, Otterhampton";
  d.postcode = "OT4 2WX";
  d.status = {.looked_after = true, .looked_after_by = "Northshire County Council", .child_in_need = true,
              .child_protection_plan = true};

  domain::Person mother;
  mother.id = 13;
  mother.kind = domain::PersonKind::kAdult;
  mother.details.given_names = "Pelagia";
  mother.details.family_name = "Strandquist";
  mother.details.phone = "07700 900555";
  mother.details.address = "3 Gorse Lane, Fenmouth";
  mother.details.postcode = "FN2 8RT";
  domain::Person father;
  father.id = 14;
  father.kind = domain::PersonKind::kAdult;
  father.details.given_names = "Barnabus";
  father.details.family_name = "Thorncroft";
  father.details.date_of_birth = domain::CivilDate::Parse("1979-03-21").value();
  s.related_people = {mother, father};
  domain::Relationship with_mother;
  with_mother.id = 5;
  with_mother.child_id = 12;
  with_mother.person_id = 13;
  with_mother.details.kind = domain::RelationshipKind::kMother;
  with_mother.details.parental_responsibility = true;
  with_mother.details.lives_with = true;
  domain::Relationship with_father;
  with_father.id = 6;
  with_father.child_id = 12;
  with_father.person_id = 14;
  with_father.details.kind = domain::RelationshipKind::kFather;
  with_father.details.parental_responsibility = true;
  with_father.details.poses_risk = true;  // the mother is protected from him; so is the child
  with_father.details.restrictions = {domain::Restriction::kMustNotKnowAddress};
  with_father.details.notes = "Non-molestation order NMO-445566";
  s.relationships = {with_mother, with_father};

  domain::RecordVersion note = Record(40, 2, RecordKind::kCaseNote, SensitivityTier::kGeneral, 20'000);
  note.amendment_reason = "amend-token: spelling";
  note.content.summary = "Home visit casenote-summary";
  note.content.text = "casenote-token. Zephyrine was at 9 Wrenfield Row with Pelagia; Barnabus rang 07700 900417.";
  note.content.source = {SourceKind::kParentOrCarer, "Pelagia Strandquist", "mother"};
  domain::RecordVersion concern = Record(41, 1, RecordKind::kSafeguardingConcern, SensitivityTier::kSensitive, 20'001);
  concern.content.summary = "Concern about Zephyrine raised by Ottoline Brackwater";
  concern.content.source = {SourceKind::kAnonymousThirdParty, "Ottoline Brackwater", "lodger-desc"};
  concern.content.concern = domain::SafeguardingConcern{
      .what_happened = {{"concernfact-token", domain::StatementBasis::kFact}},
      .where = "where-token",
      .who_was_present = "present-token",
      .childs_words = "childwords-token",
      .injuries_observed = {{"injury-token", domain::StatementBasis::kFact}},
      .action_taken = {{"action-token", domain::StatementBasis::kProfessionalOpinion}}};
  domain::RecordVersion entry = Record(42, 3, RecordKind::kChronologyEntry, SensitivityTier::kRestricted, 20'002);
  entry.amendment_reason = "entryfix-token";
  entry.content.summary = "chronology-token";
  entry.content.source = {SourceKind::kThirdParty, "Hector Windlass", "friend-desc"};
  domain::RecordVersion file = Record(43, 1, RecordKind::kAttachment, SensitivityTier::kSensitive, 20'003);
  file.content.summary = "attachment-summary";
  file.content.attachment = domain::Attachment{"drawing-token.png", "image/png", Bytes{'P', 'N', 'G', 'D', 'A', 'T', 'A'}};
  s.records = {entry, file, note, concern};  // out of order: the dataset orders them
  return s;
}

// The categories the builder reads.
constexpr auto kCategories = std::to_array<std::string_view>(
    {"identity", "contact_details", "address", "family", "placement", "legal", "safeguarding_concerns", "case_notes",
     "chronology", "third_party_identities", "informant_identity", "pseudonymised_summary", "persons_posing_risk"});

using Released = std::set<std::string_view>;

CategorySet ToSet(const Released& ids) {
  CategorySet set = 0;
  for (std::string_view id : ids) set |= CategorySet{1} << *SharingPolicy::Default().FindCategory(id);
  return set;
}

MinimumDataset Build(const Released& ids, const DatasetSource& source = Child()) {
  auto r = BuildMinimumDataset(source, SharingPolicy::Default(), ToSet(ids), {"safeguarding", "Northshire MASH"});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : MinimumDataset{};
}

bool In(const std::string& text, std::string_view value) { return text.find(value) != std::string::npos; }

std::string Joined(const std::vector<std::string>& paths) {
  std::string s;
  for (const std::string& p : paths) s += p + "\n";
  return s;
}

// Each distinctive value, and when it may leave.
struct Expectation {
  std::string_view value;
  std::function<bool(const Released&)> leaves;
  enum Where { kValue, kDataKey, kDocumentLabel } where = kValue;  // a key or label is not a value
};

std::vector<Expectation> Expectations() {
  auto has = [](std::string_view id) { return [id](const Released& r) { return r.contains(id); }; };
  auto both = [](std::string_view a, std::string_view b) {
    return [a, b](const Released& r) { return r.contains(a) && r.contains(b); };
  };
  auto never = [](const Released&) { return false; };
  const auto summary_or = [](std::string_view id) {
    return [id](const Released& r) {
      return r.contains(id) || (r.contains("pseudonymised_summary") && !r.contains("identity"));
    };
  };
  return {
      {"Zephyrine", has("identity")},
      {"Ottilie", has("identity")},
      {"Marchbanks", has("identity")},
      {"Zizi", has("identity")},
      {"2018-07-14", has("identity")},
      {"Xylogender", has("identity")},
      {"943 476 5919", has("identity")},
      {"K801200000123", has("identity")},
      {"LACID-77881", has("identity")},
      {"07700 900417", has("contact_details")},
      {"contact.token@example.org", has("contact_details")},
      {"Wrenfield Row", has("address")},
      {"OT4 2WX", has("address")},
      {"Northshire County Council", has("placement")},
      {"child_protection_plan", has("placement"), Expectation::kDataKey},
      {"parental_responsibility", has("family"), Expectation::kDataKey},
      {"Parental responsibility", has("family"), Expectation::kDocumentLabel},
      {"NMO-445566", both("family", "legal")},
      {"must_not_know_address", both("family", "legal")},
      {"Pelagia",
       [](const Released& r) {
         return r.contains("third_party_identities") && (r.contains("family") || r.contains("case_notes"));
       }},
      {"Strandquist",
       [](const Released& r) {
         return r.contains("third_party_identities") && (r.contains("family") || r.contains("case_notes"));
       }},
      // The father may pose a risk of harm: persons_posing_risk names him wherever he appears.
      {"Barnabus",
       [](const Released& r) {
         return r.contains("persons_posing_risk") ||
                (r.contains("third_party_identities") && (r.contains("family") || r.contains("case_notes")));
       }},
      {"Thorncroft",
       [](const Released& r) { return r.contains("persons_posing_risk") || (r.contains("family") && r.contains("third_party_identities")); }},
      {"1979-03-21", has("persons_posing_risk")},
      {"poses_risk", [](const Released& r) { return r.contains("family") || r.contains("persons_posing_risk"); }, Expectation::kDataKey},
      {"May pose a risk", [](const Released& r) { return r.contains("family") || r.contains("persons_posing_risk"); },
       Expectation::kDocumentLabel},
      {"07700 900555", never},
      {"Gorse Lane", never},
      {"FN2 8RT", never},
      {"Hector Windlass", both("chronology", "third_party_identities")},
      {"friend-desc", has("chronology")},
      {"Brackwater", both("safeguarding_concerns", "informant_identity")},
      {"lodger-desc", both("safeguarding_concerns", "informant_identity")},
      {"anonymous_third_party", has("safeguarding_concerns")},
      {"casenote-token", has("case_notes")},
      {"amend-token", has("case_notes")},
      {"casenote-summary", summary_or("case_notes")},
      {"drawing-token.png", has("case_notes")},
      {"image/png", has("case_notes")},
      {"attachment-summary", summary_or("case_notes")},
      {"PNGDATA", never},
      {"concernfact-token", has("safeguarding_concerns")},
      {"where-token", has("safeguarding_concerns")},
      {"present-token", has("safeguarding_concerns")},
      {"childwords-token", has("safeguarding_concerns")},
      {"injury-token", has("safeguarding_concerns")},
      {"action-token", has("safeguarding_concerns")},
      {"Concern about", summary_or("safeguarding_concerns")},
      {"chronology-token", has("chronology")},  // restricted: never in the summary
      {"entryfix-token", has("chronology")},
      {"restricted", has("chronology")},
  };
}

// The values in `data`, counted as `fields` counts them (a list is one field).
size_t Leaves(const json& data) {
  size_t n = 0;
  std::function<void(const json&)> walk = [&](const json& obj) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (it.key() == "record_id" || it.key() == "version") continue;
      if (it->is_object()) {
        walk(*it);
      } else {
        ++n;
      }
    }
  };
  if (data.contains("child")) walk(data["child"]);
  for (const char* list : {"relationships", "records"}) {
    if (data.contains(list)) {
      for (const json& item : data[list]) walk(item);
    }
  }
  if (data.contains("pseudonymised_summary")) n += data["pseudonymised_summary"].size();
  return n;
}

std::set<std::string> Without(const std::vector<std::string>& paths, std::string_view suffix) {
  std::set<std::string> out;
  for (const std::string& p : paths) {
    if (!p.ends_with(suffix)) out.insert(p);
  }
  return out;
}

TEST(MinimumDatasetTest, EveryValueLeavesExactlyWithItsCategoriesForEverySubset) {
  const DatasetSource source = Child();
  const std::vector<Expectation> expectations = Expectations();
  const MinimumDataset nothing = Build({}, source);
  const std::set<std::string> held(nothing.withheld.begin(), nothing.withheld.end());
  ASSERT_GT(held.size(), 60u);
  size_t redacted_somewhere = 0;
  for (uint32_t bits = 0; bits < (1u << kCategories.size()); ++bits) {
    Released released;
    for (size_t i = 0; i < kCategories.size(); ++i) {
      if (bits & (1u << i)) released.insert(kCategories[i]);
    }
    const MinimumDataset m = Build(released, source);
    const std::string data = m.data.dump();
    const std::string paths = Joined(m.fields) + Joined(m.withheld);
    for (const Expectation& e : expectations) {
      const bool expected = e.leaves(released);
      if (e.where != Expectation::kDocumentLabel) {
        EXPECT_EQ(In(data, e.value), expected) << e.value << " in data, release " << bits << ": " << data;
      }
      if (e.where != Expectation::kDataKey) {
        EXPECT_EQ(In(m.document, e.value), expected) << e.value << " in document, release " << bits << ":\n" << m.document;
      }
      if (e.where == Expectation::kValue) {
        EXPECT_FALSE(In(paths, e.value)) << e.value << " in a path, release " << bits;
      }
    }
    // What left and what was withheld are apart, and together are everything held.
    const std::set<std::string> left = Without(m.fields, "#pseudonymised");
    const std::set<std::string> kept = Without(m.withheld, "#redacted");
    std::vector<std::string> overlap;
    std::set_intersection(left.begin(), left.end(), kept.begin(), kept.end(), std::back_inserter(overlap));
    EXPECT_TRUE(overlap.empty()) << overlap.front();
    std::set<std::string> all = left;
    all.insert(kept.begin(), kept.end());
    EXPECT_EQ(all, held) << "release " << bits;
    EXPECT_EQ(Leaves(m.data), m.fields.size()) << "release " << bits << ": " << data;
    EXPECT_EQ(std::set<std::string>(m.fields.begin(), m.fields.end()).size(), m.fields.size()) << "a path twice";
    redacted_somewhere += m.withheld.size() - kept.size();
  }
  EXPECT_GT(redacted_somewhere, 0u) << "no release exercised the removal of names from text";
}

TEST(MinimumDatasetTest, NothingReleasedLeavesNothing) {
  const MinimumDataset m = Build({});
  EXPECT_EQ(m.data, json::object());
  EXPECT_TRUE(m.fields.empty());
  EXPECT_NE(std::find(m.withheld.begin(), m.withheld.end(), "person/12/given_names"), m.withheld.end());
  EXPECT_NE(std::find(m.withheld.begin(), m.withheld.end(), "record/40@v2/content.text"), m.withheld.end());
  EXPECT_TRUE(In(m.document, "Released: nothing\n")) << m.document;
  for (const Category& c : SharingPolicy::Default().categories()) {
    EXPECT_TRUE(In(m.document, "Withheld: " + c.id + "\n")) << c.id;
  }
}

TEST(MinimumDatasetTest, TheDocumentNamesPurposeRecipientAndCategories) {
  const MinimumDataset m = Build({"identity", "case_notes"});
  EXPECT_TRUE(In(m.document, "Purpose: safeguarding\n")) << m.document;
  EXPECT_TRUE(In(m.document, "Recipient: Northshire MASH\n")) << m.document;
  EXPECT_TRUE(In(m.document, "Released: identity, case_notes\n")) << m.document;
  EXPECT_TRUE(In(m.document, "Withheld: third_party_identities\n")) << m.document;
  EXPECT_TRUE(In(m.document, "Withheld: informant_identity\n")) << m.document;
  EXPECT_FALSE(In(m.document, "Withheld: identity\n")) << m.document;
  EXPECT_TRUE(In(m.document, "Given names: Zephyrine Ottilie\n")) << m.document;
  EXPECT_TRUE(In(m.document, "Record 40, version 2\n")) << m.document;
}

TEST(MinimumDatasetTest, AnAnonymousInformantIsNeverNamedWithoutInformantIdentity) {
  Released everything_else(kCategories.begin(), kCategories.end());
  everything_else.erase("informant_identity");
  const MinimumDataset m = Build(everything_else);
  for (std::string_view gone : {"Ottoline", "Brackwater", "lodger-desc"}) {
    EXPECT_FALSE(In(m.data.dump(), gone)) << gone;
    EXPECT_FALSE(In(m.document, gone)) << gone;
  }
  const json& concern = m.data["records"][1];
  ASSERT_EQ(concern["record_id"], 41);
  EXPECT_EQ(concern["source"], json({{"kind", "anonymous_third_party"}}));
  EXPECT_EQ(concern["summary"], "Concern about Zephyrine raised by [informant]");
  for (std::string_view path : {"record/41@v1/content.source.name", "record/41@v1/content.source.relationship",
                                "record/41@v1/content.summary#redacted"}) {
    EXPECT_NE(std::find(m.withheld.begin(), m.withheld.end(), path), m.withheld.end()) << path;
  }

  const MinimumDataset named = Build({"safeguarding_concerns", "informant_identity"});
  EXPECT_EQ(named.data["records"][0]["source"]["name"], "Ottoline Brackwater");
}

TEST(MinimumDatasetTest, FamilyLeavesAsRolesWithoutThirdPartyIdentities) {
  const MinimumDataset m = Build({"identity", "family", "case_notes"});
  const json& mother = m.data["relationships"][0];
  EXPECT_EQ(mother, json({{"kind", "mother"}, {"parental_responsibility", true}, {"lives_with", true}}));
  EXPECT_EQ(m.data["records"][0]["text"],
            "casenote-token. Zephyrine was at [address] with [mother]; [father] rang [phone].");
  EXPECT_FALSE(m.data["records"][0]["source"].contains("name"));
  for (std::string_view path : {"person/13/given_names", "person/13/family_name", "person/14/given_names",
                                "person/13/phone", "relationship/6/restrictions", "relationship/6/notes",
                                "record/40@v2/content.source.name", "record/40@v2/content.text#redacted"}) {
    EXPECT_NE(std::find(m.withheld.begin(), m.withheld.end(), path), m.withheld.end()) << path;
  }

  const MinimumDataset named = Build({"family", "legal", "third_party_identities"});
  EXPECT_EQ(named.data["relationships"][1],
            json({{"kind", "father"},
                  {"parental_responsibility", true},
                  {"lives_with", false},
                  {"poses_risk", true},
                  {"restrictions", {"must_not_know_address"}},
                  {"notes", "Non-molestation order NMO-445566"},
                  {"person", {{"given_names", "Barnabus"}, {"family_name", "Thorncroft"}}}}));
}

TEST(MinimumDatasetTest, SomeoneWhoMayPoseARiskIsNamedAndNobodyElse) {
  // The father is marked as someone who may pose a risk; the mother is not.
  const MinimumDataset m = Build({"persons_posing_risk", "case_notes"});
  ASSERT_EQ(m.data["relationships"].size(), 1u) << m.data.dump();
  EXPECT_EQ(m.data["relationships"][0],
            json({{"kind", "father"},
                  {"poses_risk", true},
                  {"person", {{"given_names", "Barnabus"}, {"family_name", "Thorncroft"}, {"date_of_birth", "1979-03-21"}}}}));
  const std::string text = m.data["records"][0]["text"].get<std::string>();
  EXPECT_TRUE(In(text, "Barnabus rang")) << text;
  EXPECT_TRUE(In(text, "[mother]")) << text;
  EXPECT_FALSE(In(m.data.dump(), "Pelagia"));
  EXPECT_TRUE(In(m.document, "May pose a risk of harm to the child: yes")) << m.document;
  for (std::string_view path : {"relationship/6/kind", "relationship/6/poses_risk", "person/14/given_names", "person/14/date_of_birth"}) {
    EXPECT_NE(std::find(m.fields.begin(), m.fields.end(), path), m.fields.end()) << path;
  }
  for (std::string_view path : {"relationship/5/kind", "relationship/6/parental_responsibility", "relationship/6/notes",
                                "person/13/given_names"}) {
    EXPECT_NE(std::find(m.withheld.begin(), m.withheld.end(), path), m.withheld.end()) << path;
  }

  // Without the mark, the category names nobody.
  DatasetSource unmarked = Child();
  unmarked.relationships[1].details.poses_risk = false;
  const MinimumDataset none = Build({"persons_posing_risk"}, unmarked);
  EXPECT_FALSE(none.data.contains("relationships")) << none.data.dump();
  EXPECT_FALSE(In(none.document, "Barnabus"));
}

TEST(MinimumDatasetTest, FieldsNameExactlyWhatLeftWithRecordVersions) {
  const MinimumDataset m = Build({"placement", "case_notes"});
  const std::vector<std::string> expected = {
      "person/12/status.looked_after", "person/12/status.looked_after_by", "person/12/status.child_in_need",
      "person/12/status.child_protection_plan",
      // case note 40, version 2
      "record/40@v2/kind", "record/40@v2/tier", "record/40@v2/occurred_at", "record/40@v2/recorded_at",
      "record/40@v2/amendment_reason", "record/40@v2/content.summary", "record/40@v2/content.text",
      "record/40@v2/content.source.kind", "record/40@v2/content.source.relationship",
      // attachment 43, version 1: its metadata only
      "record/43@v1/kind", "record/43@v1/tier", "record/43@v1/occurred_at", "record/43@v1/recorded_at",
      "record/43@v1/content.summary", "record/43@v1/content.source.kind", "record/43@v1/content.attachment.file_name",
      "record/43@v1/content.attachment.media_type"};
  EXPECT_EQ(m.fields, expected);
  ASSERT_EQ(m.data["records"].size(), 2u);
  EXPECT_EQ(m.data["records"][0]["record_id"], 40);
  EXPECT_EQ(m.data["records"][0]["version"], 2);
  EXPECT_EQ(m.data["records"][1]["attachment"], json({{"file_name", "drawing-token.png"}, {"media_type", "image/png"}}));
  EXPECT_NE(std::find(m.withheld.begin(), m.withheld.end(), "record/43@v1/content.attachment.content"), m.withheld.end());
  EXPECT_NE(std::find(m.withheld.begin(), m.withheld.end(), "record/42@v3/content.summary"), m.withheld.end());
}

TEST(MinimumDatasetTest, ARestrictedRecordLeavesWithItsCategoryMarkedRestricted) {
  const MinimumDataset m = Build({"chronology"});
  ASSERT_EQ(m.data["records"].size(), 1u);
  EXPECT_EQ(m.data["records"][0]["record_id"], 42);
  EXPECT_EQ(m.data["records"][0]["version"], 3);
  EXPECT_EQ(m.data["records"][0]["tier"], "restricted");
  EXPECT_TRUE(In(m.document, "Tier: restricted\n")) << m.document;
}

TEST(MinimumDatasetTest, APseudonymisedSummaryTakesThePlaceOfIdentity) {
  const MinimumDataset m = Build({"pseudonymised_summary"});
  ASSERT_EQ(m.data.size(), 1u) << m.data.dump();
  EXPECT_EQ(m.data["pseudonymised_summary"],
            json({"4 October 2024, case note: Home visit casenote-summary",
                  "5 October 2024, safeguarding concern: Concern about [child] raised by [informant]",
                  "7 October 2024, attachment: attachment-summary"}));
  EXPECT_EQ(m.fields, (std::vector<std::string>{"record/40@v2/content.summary#pseudonymised",
                                                "record/41@v1/content.summary#pseudonymised",
                                                "record/43@v1/content.summary#pseudonymised"}));
  EXPECT_TRUE(In(m.document, "Pseudonymised summary\n")) << m.document;
  EXPECT_FALSE(Build({"identity", "pseudonymised_summary"}).data.contains("pseudonymised_summary"));
}

TEST(MinimumDatasetTest, RefusesWhatIsNotThisChildsOrNotThePolicys) {
  const SharingPolicy& policy = SharingPolicy::Default();
  DatasetSource other_record = Child();
  other_record.records[0].person_id = 99;
  EXPECT_EQ(BuildMinimumDataset(other_record, policy, 0, {}).status().code(), StatusCode::kInvalidArgument);
  DatasetSource other_relationship = Child();
  other_relationship.relationships[0].child_id = 99;
  EXPECT_EQ(BuildMinimumDataset(other_relationship, policy, 0, {}).status().code(), StatusCode::kInvalidArgument);
  const CategorySet unknown = CategorySet{1} << policy.categories().size();
  EXPECT_EQ(BuildMinimumDataset(Child(), policy, unknown, {}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace confide::sharing
