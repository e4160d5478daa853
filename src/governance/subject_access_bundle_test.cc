// Redaction and rendering of subject access bundles: what a redaction covers, what it refuses, and
// that the JSON and the readable document are made from the same redacted items.
#include "governance/subject_access_bundle.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace confide::governance {
namespace {

std::vector<BundleItem> Items() {
  return {
      {"person/7/v1", "details", "Details, version 1 of 1", {{"given_names", "Ruby"}, {"family_name", "Marsh"}}},
      {"record/40/v1", "records", "Case note (version 1 of 2)", {{"summary", "Visit"}, {"text", "Hetty Pryce called. hetty PRYCE again."}}},
      {"record/40/v2", "records", "Case note (version 2 of 2)", {{"summary", "Visit"}, {"text", "Hetty Pryce called."}}},
      {"record/41/v1", "records", "Concern (version 1 of 1)", {{"summary", "Shouting"}, {"source_name", "Hetty Pryce"}}},
      {"record/400/v1", "records", "Other note", {{"summary", "Unrelated"}}},
  };
}

Redaction R(std::string ref, std::string field, std::string text) {
  return Redaction{1, std::move(ref), std::move(field), std::move(text), RedactionGround::kThirdParty, "reason"};
}

bool Contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

TEST(RefCovers, AnItemItsVersionsOrEverything) {
  EXPECT_TRUE(RefCovers("record/40", "record/40/v2"));
  EXPECT_TRUE(RefCovers("record/40/v2", "record/40/v2"));
  EXPECT_FALSE(RefCovers("record/40", "record/400/v1"));  // a prefix counts only up to a "/"
  EXPECT_FALSE(RefCovers("record/40/v1", "record/40/v2"));
  EXPECT_TRUE(RefCovers("*", "consent/3"));
}

TEST(ApplyRedactions, TextIsBlackedOutWhateverItsCaseAndOnlyWhereCovered) {
  RedactedBundle b = ApplyRedactions(Items(), {R("record/40", "text", "hetty pryce")});
  ASSERT_EQ(b.items.size(), 5u);
  EXPECT_EQ(b.items[1].fields[1].second, "[redacted] called. [redacted] again.");
  EXPECT_EQ(b.items[2].fields[1].second, "[redacted] called.");
  EXPECT_EQ(b.items[3].fields[1].second, "Hetty Pryce");  // record 41 not covered
  EXPECT_EQ(b.fields_redacted, 2u);
  EXPECT_EQ(b.items_withheld, 0u);
}

TEST(ApplyRedactions, OneRedactionNeverHidesAnothersWordsFromIt) {
  // "Pryce" first would leave "Hetty [redacted]" for "Hetty Pryce" to miss: both are found in the
  // original and merged.
  RedactedBundle b = ApplyRedactions(Items(), {R("*", "", "Pryce"), R("*", "", "Hetty Pryce")});
  EXPECT_EQ(b.items[2].fields[1].second, "[redacted] called.");
  // A line break or a double space inside the name still matches.
  std::vector<BundleItem> items{{"record/1/v1", "records", "Note", {{"text", "Hetty\n  Pryce rang"}}}};
  EXPECT_EQ(ApplyRedactions(items, {R("*", "", "Hetty Pryce")}).items[0].fields[0].second, "[redacted] rang");
}

TEST(RedactedSubjectName, TheHeadersNameFollowsRedactionsOnThePerson) {
  Redaction everywhere = R("*", "", "Hollings");
  Redaction on_person = R("person/7", "", "Ruby");
  EXPECT_EQ(RedactedSubjectName("Ruby Hollings", 7, {everywhere}), "Ruby [redacted]");
  EXPECT_EQ(RedactedSubjectName("Ruby Hollings", 7, {on_person}), "[redacted] Hollings");
  EXPECT_EQ(RedactedSubjectName("Ruby Hollings", 8, {on_person}), "Ruby Hollings");
}

TEST(ApplyRedactions, AWholeFieldAndAWholeItem) {
  RedactedBundle b = ApplyRedactions(Items(), {R("record/41/v1", "source_name", ""), R("record/40/v1", "", "")});
  ASSERT_EQ(b.items.size(), 4u);  // record 40 version 1 withheld
  EXPECT_EQ(b.items_withheld, 1u);
  EXPECT_EQ(b.items[1].ref, "record/40/v2");
  EXPECT_EQ(b.items[2].fields[1].second, "[redacted]");
}

TEST(CheckRedaction, RefusesWhatWouldCoverNothingWithoutEchoingTheWords) {
  const std::vector<BundleItem> items = Items();
  EXPECT_TRUE(CheckRedaction(items, R("*", "", "pryce")).ok());
  EXPECT_TRUE(CheckRedaction(items, R("record/41", "source_name", "")).ok());
  EXPECT_TRUE(CheckRedaction(items, R("record/40/v1", "", "")).ok());
  EXPECT_EQ(CheckRedaction(items, R("record/99", "", "")).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckRedaction(items, R("record/40", "notes", "")).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckRedaction(items, R("*", "", "")).code(), StatusCode::kInvalidArgument);  // everything: needs words
  EXPECT_EQ(CheckRedaction(items, R("record", "", "")).code(), StatusCode::kInvalidArgument);  // a whole kind: no
  Status s = CheckRedaction(items, R("record/40", "text", "Hettie Price"));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(Contains(s.message(), "Hettie"));
  Redaction no_reason = R("*", "", "pryce");
  no_reason.reason = "  ";
  EXPECT_EQ(CheckRedaction(items, no_reason).code(), StatusCode::kInvalidArgument);
}

TEST(BundleRendering, BothRenderingsCarryTheSameRedactedItems) {
  RedactedBundle b = ApplyRedactions(Items(), {R("*", "", "Hetty Pryce")});
  BundleHeader h{"SAR-1-20261124-00", 1, "Northtown Council", 7, "Ruby Marsh", "2026-11-24", "ab"};
  const std::string json = BundleJson(h, b);
  const std::string doc = BundleDocument(h, b);
  EXPECT_FALSE(Contains(json, "Hetty"));
  EXPECT_FALSE(Contains(doc, "Hetty"));
  EXPECT_TRUE(Contains(doc, "Some information has been removed"));
  EXPECT_TRUE(Contains(doc, "Information Commissioner"));
  EXPECT_TRUE(Contains(doc, "Text: [redacted] called."));
  const nlohmann::json j = nlohmann::json::parse(json);
  EXPECT_EQ(j["format"], "confide-subject-access-bundle/1");
  EXPECT_EQ(j["items"].size(), 5u);
  EXPECT_EQ(j["items"][3]["fields"]["source_name"], "[redacted]");
  EXPECT_TRUE(j["redacted"].get<bool>());
  // The content (what an approval is bound to) ignores the header, but not a redaction.
  EXPECT_EQ(CanonicalContent(b.items, "Ruby"), CanonicalContent(ApplyRedactions(Items(), {R("*", "", "hetty pryce")}).items, "Ruby"));
  EXPECT_NE(CanonicalContent(b.items, "Ruby"), CanonicalContent(ApplyRedactions(Items(), {}).items, "Ruby"));
  EXPECT_NE(CanonicalContent(b.items, "Ruby"), CanonicalContent(b.items, "Ruby Hollings"));  // the header's name counts too
}

TEST(BundleRendering, AValueCannotPassItselfOffAsAnotherField) {
  std::vector<BundleItem> items{{"record/1/v1", "records", "Note", {{"text", "line one\nSummary: forged"}}}};
  const std::string doc = BundleDocument(BundleHeader{}, ApplyRedactions(items, {}));
  EXPECT_TRUE(Contains(doc, "line one\n      Summary: forged"));
}

}  // namespace
}  // namespace confide::governance
