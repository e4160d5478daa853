// The record of processing page, rendered without a server from a record shaped as the service
// builds it: every section has its heading, names are shown in words and escaped, a private person
// is only counted, the DPO is named only when the record names them, empty sections say so, and
// the files are named with the UK day the record was generated.
#include <gtest/gtest.h>

#include "web/record_of_processing_pages.h"

namespace confide::web {
namespace {

using Json = nlohmann::ordered_json;

bool Has(const std::string& page, const std::string& needle) { return page.find(needle) != std::string::npos; }

Json Record() {
  Json j;
  j["format"] = "confide-record-of-processing/1";
  j["generated_at"] = "2026-11-02T09:30:00Z";
  j["controller"] = {{"name", "Northtown <Council>"}, {"kind", "local_authority"}};
  j["data_protection_officer"] = Json::array({{{"name", "Dana Protector"}, {"email", "dpo@northtown.example"}}});
  j["purposes"] = Json::array({{{"id", "safeguarding"}, {"says", "Safeguarding a child"}, {"categories", Json::array({"identity", "address"})}}});
  j["sharing_policy"] = {{"name", "Northtown sharing policy"}, {"version", "3"}};
  j["data_subjects"] = Json::array({"children the organisation works with", "parents, carers and other family members and adults around them"});
  j["categories_of_personal_data"] = Json::array({{{"id", "identity"}, {"says", "Who the child is"}, {"personal", true}},
                                                  {{"id", "address"}, {"says", "Where the child lives"}, {"personal", true}},
                                                  {{"id", "statistics"}, {"says", "Counts"}, {"personal", false}}});
  j["recipients"] = Json::array({{{"kind", "childrens_social_care"}, {"organisations", Json::array({"Northtown Council"})}, {"private_people", 0}},
                                 {{"kind", "parent"}, {"organisations", Json::array()}, {"private_people", 2}}});
  j["agreements"] = Json::array({{{"name", "Northtown safeguarding protocol"},
                                  {"parties", Json::array({"Northtown Council", "every police"})},
                                  {"purposes", Json::array({"safeguarding"})},
                                  {"categories", Json::array({"identity"})},
                                  {"lawful_bases", Json::array({"public_task"})},
                                  {"storage", "Each partner's case system"},
                                  {"retention", "Until the 25th birthday"},
                                  {"starts_on", "2026-01-05"},
                                  {"review_on", "2027-01-05"},
                                  {"ended", false}}});
  j["international_transfers"] = "None recorded.";
  j["retention"] = Json::array({{{"id", "looked_after_child"}, {"name", "Looked-after child's case record"}, {"basis", "Regulation 50"},
                                 {"from", "date_of_birth"}, {"years", 75}, {"review_months_before", 6}},
                                {{"id", "family_member"}, {"name", "Family member's record"}, {"basis", "Common practice"},
                                 {"from", "linked_children"}, {"years", 0}, {"review_months_before", 0}}});
  j["security_measures"] = Json::array({"Personal data is encrypted at rest with a key per person."});
  return j;
}

TEST(RecordOfProcessingPageTest, EverySectionInWordsEscaped) {
  const http::Response r = RecordOfProcessingPage({}, {"csrf", ""}, Record());
  const std::string& page = r.body;
  EXPECT_EQ(r.status, 200);
  for (const char* heading : {">Record of processing activities</h1>", "id=\"controller\">The controller</h2>",
                              "id=\"purposes\">Purposes of processing</h2>", "id=\"data-subjects\">Categories of data subjects</h2>",
                              "id=\"categories\">Categories of personal data</h2>", "id=\"recipients\">Recipients</h2>",
                              "id=\"agreements\">Information-sharing agreements</h2>", "id=\"transfers\">Transfers to other countries</h2>",
                              "id=\"retention\">Retention</h2>", "id=\"security\">Security measures</h2>"}) {
    EXPECT_TRUE(Has(page, heading)) << heading;
  }
  EXPECT_TRUE(Has(page, "Northtown &lt;Council&gt;"));
  EXPECT_FALSE(Has(page, "Northtown <Council>"));
  EXPECT_TRUE(Has(page, "Local authority"));
  EXPECT_TRUE(Has(page, "Dana Protector"));
  EXPECT_TRUE(Has(page, "href=\"mailto:dpo@northtown.example\""));
  EXPECT_TRUE(Has(page, "2 November 2026"));
  EXPECT_TRUE(Has(page, "version 3"));
  // A purpose's categories in the policy's words.
  EXPECT_TRUE(Has(page, "Safeguarding a child</td><td class=\"govuk-table__cell\">Who the child is, Where the child lives</td>"));
  EXPECT_TRUE(Has(page, "No: nobody can be identified from it"));
  // Recipients by kind in words; private people counted, an organisation named.
  EXPECT_TRUE(Has(page, "id=\"recipient-childrens_social_care\""));
  EXPECT_TRUE(Has(page, "Children&#39;s social care"));
  EXPECT_TRUE(Has(page, "<td class=\"govuk-table__cell\">A parent</td><td class=\"govuk-table__cell\">None</td><td "
                        "class=\"govuk-table__cell\">2</td>"));
  // The agreement: a sector as a party, ids and names in words, days in the UK long form.
  EXPECT_TRUE(Has(page, "id=\"agreement-1\""));
  EXPECT_TRUE(Has(page, "Northtown Council, Every recipient of the kind: Police"));
  EXPECT_TRUE(Has(page, "Public task"));
  EXPECT_TRUE(Has(page, "5 January 2027"));
  EXPECT_FALSE(Has(page, ">Ended<"));
  // The schedule, said as the retention pages say it.
  EXPECT_TRUE(Has(page, "id=\"retention-looked_after_child\""));
  EXPECT_TRUE(Has(page, "Until 75 years after the date of birth"));
  EXPECT_TRUE(Has(page, "6 months before destruction"));
  EXPECT_TRUE(Has(page, "As long as the records of the children they are linked to"));
  EXPECT_TRUE(Has(page, "When due for destruction"));
  EXPECT_TRUE(Has(page, "<li>Personal data is encrypted at rest with a key per person.</li>"));
  EXPECT_TRUE(Has(page, "href=\"/record-of-processing.json\">Download as JSON</a>"));
  EXPECT_TRUE(Has(page, "href=\"/record-of-processing.txt\">Download as text</a>"));
}

TEST(RecordOfProcessingPageTest, NoDpoNamedAndEmptySectionsSaySo) {
  Json j = Record();
  j["data_protection_officer"] = Json::array();
  j["recipients"] = Json::array();
  j["agreements"] = Json::array();
  j["agreements"].push_back(Record()["agreements"][0]);
  j["agreements"][0]["ended"] = true;
  std::string page = RecordOfProcessingPage({}, {"csrf", ""}, j).body;
  EXPECT_TRUE(Has(page, "See the organisation&#39;s privacy notice"));
  EXPECT_FALSE(Has(page, "mailto:"));
  EXPECT_TRUE(Has(page, "id=\"no-recipients\">None in the directory."));
  EXPECT_TRUE(Has(page, ">Ended<"));

  j["agreements"] = Json::array();
  page = RecordOfProcessingPage({}, {"csrf", ""}, j).body;
  EXPECT_TRUE(Has(page, "id=\"no-agreements\">None recorded."));
}

TEST(RecordOfProcessingFileNameTest, NamedWithTheUkDayItWasGenerated) {
  Json j = Record();
  EXPECT_EQ(RecordOfProcessingFileName(j, "json"), "record-of-processing-2026-11-02.json");
  // 23:30 UTC on 30 June is already 1 July in London (BST).
  j["generated_at"] = "2026-06-30T23:30:00Z";
  EXPECT_EQ(RecordOfProcessingFileName(j, "txt"), "record-of-processing-2026-07-01.txt");
  j.erase("generated_at");
  EXPECT_EQ(RecordOfProcessingFileName(j, "json"), "record-of-processing.json");
}

}  // namespace
}  // namespace confide::web
