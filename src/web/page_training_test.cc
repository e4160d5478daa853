// The training and confidentiality policy pages. Rendered without a server: the policy's text is
// escaped and kept in its paragraphs, the form to acknowledge carries the version and the digest
// and is gone once the version is acknowledged, the report keeps the service's order (overdue
// first) and ?show=overdue leaves only those overdue, dates are UK days, and the home page's notice
// and link appear only for those they concern. Then with a real vault (no server, no session): a
// volunteer (no training.report) gets the same refusal as any keeper page, and acknowledging takes only
// the text shown.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "domain/uk_time.h"
#include "service/identity.h"
#include "service/vault_test_base.h"
#include "testing/test_util.h"
#include "web/html.h"
#include "web/training_pages.h"
#include "web/training_routes.h"
#include "web/web_context.h"

namespace confide::web {
namespace {

using governance::AcknowledgementState;
using governance::CourseState;

bool Has(const std::string& page, const std::string& needle) { return page.find(needle) != std::string::npos; }

const SignedIn kWho{"csrf", ""};

governance::ConfidentialityPolicy Policy() {
  governance::ConfidentialityPolicy p;
  p.version = "2026.1";
  p.title = "Confidentiality <and> information sharing policy";
  p.in_force_from = domain::CivilDate{2026, 11, 10};
  p.acknowledge_within_days = 30;
  p.text = "Keep <script>alert('x')</script> & what families tell you safe.\r\n\r\nShare only what is necessary\nand "
           "proportionate.\n \n\n";
  return p;
}

governance::AcknowledgementStanding Due() {
  governance::AcknowledgementStanding a;
  a.state = AcknowledgementState::kDue;
  a.version = "2026.1";
  a.due_by = domain::CivilDate{2026, 12, 10};
  return a;
}

governance::AcknowledgementStanding Acknowledged() {
  governance::AcknowledgementStanding a;
  a.state = AcknowledgementState::kAcknowledged;
  a.version = "2026.1";
  a.acknowledged_at = domain::FromUkLocal(domain::CivilDate{2026, 12, 3}, 9, 0);
  a.last_version_acknowledged = "2026.1";
  return a;
}

governance::TrainingCatalogue Catalogue() {
  governance::TrainingCatalogue c;
  governance::Course induction;
  induction.id = "induction";
  induction.name = "Induction";
  governance::Course confidentiality;
  confidentiality.id = "confidentiality";
  confidentiality.name = "Confidentiality and data protection";
  confidentiality.refresher_months = 12;
  governance::Course dsl;
  dsl.id = "designated_safeguarding_lead";
  dsl.name = "Designated safeguarding lead training";
  dsl.refresher_months = 24;
  dsl.roles = {domain::StaffRole::kDesignatedSafeguardingLead};
  c.courses = {induction, confidentiality, dsl};
  return c;
}

governance::CourseStanding OnCourse(const char* id, bool required, CourseState state, std::optional<UnixMicros> completed = {},
                                  std::optional<UnixMicros> expires = {}) {
  governance::CourseStanding c;
  c.course = id;
  c.required = required;
  c.state = state;
  c.completed_at = completed;
  c.expires_at = expires;
  return c;
}

UnixMicros UkMidnight(int year, int month, int day) { return domain::FromUkLocal(domain::CivilDate{year, month, day}, 0, 0); }

service::Vault::StaffTrainingStanding Member(domain::StaffId id, const char* name, bool overdue, bool due_soon) {
  service::Vault::StaffTrainingStanding s;
  s.staff.id = id;
  s.staff.role = domain::StaffRole::kSocialWorker;
  s.staff.team = "Assessment";
  s.staff.details.full_name = name;
  s.standing.courses = {OnCourse("induction", true, CourseState::kCurrent, UkMidnight(2025, 9, 1)),
                        OnCourse("confidentiality", true, overdue ? CourseState::kLapsed : CourseState::kCurrent, UkMidnight(2025, 9, 1),
                               overdue ? UkMidnight(2026, 9, 1) : UkMidnight(2027, 9, 1)),
                        OnCourse("designated_safeguarding_lead", false, CourseState::kMissing)};
  s.standing.acknowledgement = due_soon ? Due() : Acknowledged();
  s.standing.overdue = overdue;
  s.standing.due_soon = due_soon;
  s.gate = overdue ? policy::TrainingState::kLapsed : policy::TrainingState::kCurrent;
  return s;
}

// ---- the confidentiality policy ----

TEST(ConfidentialityPolicyPageTest, TheTextIsEscapedAndKeptInItsParagraphs) {
  const governance::ConfidentialityPolicy p = Policy();
  ConfidentialityPolicyView v;
  v.in_force = &p;
  v.digest = "d1";
  v.acknowledgement = Due();
  const http::Response r = ConfidentialityPolicyPage({}, kWho, v);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "<p class=\"govuk-body\">Keep &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; what families tell "
                          "you safe.</p><p class=\"govuk-body\">Share only what is necessary<br>and proportionate.</p></div>"))
      << r.body;
  EXPECT_FALSE(Has(r.body, "<script>alert"));
  EXPECT_TRUE(Has(r.body, ">Confidentiality &lt;and&gt; information sharing policy</h1>"));
  EXPECT_TRUE(Has(r.body, "10 November 2026"));
  EXPECT_EQ(PolicyParagraphs("\n\nOne\n\n\n\nTwo"), "<p class=\"govuk-body\">One</p><p class=\"govuk-body\">Two</p>");
  EXPECT_EQ(PolicyParagraphs(""), "");
}

TEST(ConfidentialityPolicyPageTest, TheFormCarriesTheVersionAndDigestAndIsGoneOnceAcknowledged) {
  const governance::ConfidentialityPolicy p = Policy();
  ConfidentialityPolicyView v;
  v.in_force = &p;
  v.digest = "0a1b2c";
  v.acknowledgement = Due();
  std::string page = ConfidentialityPolicyPage({}, kWho, v).body;
  EXPECT_TRUE(Has(page, "action=\"/confidentiality-policy/acknowledge\""));
  EXPECT_TRUE(Has(page, "name=\"csrf_token\" value=\"csrf\""));
  EXPECT_TRUE(Has(page, "name=\"version\" value=\"2026.1\""));
  EXPECT_TRUE(Has(page, "name=\"digest\" value=\"0a1b2c\""));
  EXPECT_TRUE(Has(page, ">I have read and understood this policy</button>"));
  EXPECT_TRUE(Has(page, "Please read and acknowledge this version by 10 December 2026."));
  // ?acknowledged=1 on a version not acknowledged thanks nobody.
  v.thanks = true;
  EXPECT_FALSE(Has(ConfidentialityPolicyPage({}, kWho, v).body, "Thank you"));

  v.acknowledgement = Acknowledged();
  page = ConfidentialityPolicyPage({}, kWho, v).body;
  EXPECT_FALSE(Has(page, "action=\"/confidentiality-policy/acknowledge\""));
  EXPECT_FALSE(Has(page, "name=\"digest\""));
  EXPECT_FALSE(Has(page, "I have read and understood this policy"));
  EXPECT_TRUE(Has(page, "You acknowledged version 2026.1 on 3 December 2026."));
  EXPECT_TRUE(Has(page, "Thank you: acknowledged"));
  EXPECT_TRUE(Has(page, "id=\"policy-text\""));
}

TEST(ConfidentialityPolicyPageTest, OverdueSaysWhatItCostsAndARefusalIsAnErrorOnThePage) {
  const governance::ConfidentialityPolicy p = Policy();
  ConfidentialityPolicyView v;
  v.in_force = &p;
  v.digest = "d1";
  v.acknowledgement = Due();
  v.acknowledgement.state = AcknowledgementState::kOverdue;
  v.acknowledgement.last_version_acknowledged = "2025.2";
  v.gate = policy::TrainingState::kLapsed;
  std::string page = ConfidentialityPolicyPage({}, kWho, v).body;
  EXPECT_TRUE(Has(page, "govuk-warning-text"));
  EXPECT_TRUE(Has(page, "Your acknowledgement is overdue: until you acknowledge it, Confide does not show you children&#39;s "
                        "records. You acknowledged version 2025.2 before; this version replaces it."));
  v.mode = policy::TrainingMode::kFlag;
  EXPECT_TRUE(Has(ConfidentialityPolicyPage({}, kWho, v).body, "flagged for review"));

  v.errors = {{std::string(kPolicyTextId), "Version 2026.2 of the confidentiality policy is now in force: read it again"}};
  const http::Response r = ConfidentialityPolicyPage({}, kWho, v);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(Has(r.body, "<title>Error: "));
  EXPECT_TRUE(Has(r.body, "govuk-error-summary"));
  EXPECT_TRUE(Has(r.body, "href=\"#policy-text\""));
  EXPECT_TRUE(Has(r.body, "action=\"/confidentiality-policy/acknowledge\""));
}

TEST(ConfidentialityPolicyPageTest, WithoutAPolicyThePageSaysSo) {
  const http::Response r = ConfidentialityPolicyPage({}, kWho, {});
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "id=\"no-policy\""));
  EXPECT_FALSE(Has(r.body, "<form method=\"post\" action=\"/confidentiality-policy"));
}

// ---- training ----

TEST(TrainingReportPageTest, OverdueFirstAndShowOverdueLeavesOnlyThem) {
  const governance::ConfidentialityPolicy p = Policy();
  TrainingReportView v;
  v.catalogue = Catalogue();
  v.in_force = &p;
  v.staff = {Member(7, "Ann <Overdue>", true, false), Member(3, "Bea Due", false, true), Member(5, "Cal Current", false, false)};
  std::string page = TrainingReportPage({}, kWho, v).body;
  const size_t ann = page.find("id=\"staff-7\""), bea = page.find("id=\"staff-3\""), cal = page.find("id=\"staff-5\"");
  ASSERT_NE(ann, std::string::npos);
  ASSERT_NE(bea, std::string::npos);
  ASSERT_NE(cal, std::string::npos);
  EXPECT_LT(ann, bea);
  EXPECT_LT(bea, cal);
  EXPECT_TRUE(Has(page, "id=\"staff-7\" data-standing=\"overdue\""));
  EXPECT_TRUE(Has(page, "id=\"staff-3\" data-standing=\"due_soon\""));
  EXPECT_TRUE(Has(page, "Ann &lt;Overdue&gt;"));
  EXPECT_FALSE(Has(page, "Ann <Overdue>"));
  // A column for each course, with th scope for axe; a course the role does not need says so.
  EXPECT_TRUE(Has(page, "<caption class=\"govuk-table__caption govuk-table__caption--m\">"));
  for (const governance::Course& c : v.catalogue.courses) {
    EXPECT_TRUE(Has(page, "<th scope=\"col\" class=\"govuk-table__header\">" + Escape(c.name) + "</th>")) << c.id;
  }
  EXPECT_TRUE(Has(page, "<th scope=\"row\" class=\"govuk-table__header\">"));
  EXPECT_TRUE(Has(page, "Not required"));
  EXPECT_TRUE(Has(page, ">Lapsed</strong> on 1 September 2026"));
  EXPECT_TRUE(Has(page, ">Due</strong> by 10 December 2026"));
  EXPECT_TRUE(Has(page, "personal data refused"));
  EXPECT_TRUE(Has(page, "To acknowledge by"));
  EXPECT_TRUE(Has(page, "3 members of staff: 1 with something overdue, 1 with something due soon."));
  EXPECT_TRUE(Has(page, "href=\"/training?show=overdue\""));
  EXPECT_FALSE(Has(page, "href=\"/admin/staff/"));

  v.overdue_only = true;
  v.link_staff = true;
  page = TrainingReportPage({}, kWho, v).body;
  EXPECT_TRUE(Has(page, "id=\"staff-7\""));
  EXPECT_FALSE(Has(page, "id=\"staff-3\""));
  EXPECT_FALSE(Has(page, "id=\"staff-5\""));
  EXPECT_TRUE(Has(page, "href=\"/training\">Show everyone</a>"));
  EXPECT_TRUE(Has(page, "href=\"/admin/staff/7\">Ann &lt;Overdue&gt;</a>"));

  v.staff = {Member(3, "Bea Due", false, true)};
  v.in_force = nullptr;
  page = TrainingReportPage({}, kWho, v).body;
  EXPECT_TRUE(Has(page, "id=\"no-staff\">Nobody has anything overdue."));
  EXPECT_TRUE(Has(page, "No confidentiality policy set"));
}

TEST(MyTrainingPageTest, EachCourseInWordsWithUkDaysAndTheAcknowledgement) {
  MyTrainingView v;
  v.catalogue = Catalogue();
  v.mine = Member(9, "Dee Worker", false, true);
  // Lapses at the start of 1 June 2027 in the UK: 23:00 UTC on 31 May.
  v.mine.standing.courses[1] = OnCourse("confidentiality", true, CourseState::kDueSoon, UkMidnight(2026, 6, 1), UkMidnight(2027, 6, 1));
  const http::Response r = MyTrainingPage({}, kWho, v);
  EXPECT_EQ(r.status, 200);
  const std::string& page = r.body;
  EXPECT_TRUE(Has(page, "id=\"course-confidentiality\""));
  EXPECT_TRUE(Has(page, "<td class=\"govuk-table__cell\">Confidentiality and data protection</td><td class=\"govuk-table__cell\">Yes</td>"));
  EXPECT_TRUE(Has(page, "Due for a refresher"));
  EXPECT_TRUE(Has(page, "<td class=\"govuk-table__cell\">1 June 2027</td>"));
  EXPECT_FALSE(Has(page, "31 May 2027"));
  EXPECT_TRUE(Has(page, "<td class=\"govuk-table__cell\">Does not lapse</td>"));
  EXPECT_TRUE(Has(page, "Designated safeguarding lead training</td><td class=\"govuk-table__cell\">No</td>"));
  EXPECT_TRUE(Has(page, "Please read and acknowledge this version by 10 December 2026."));
  EXPECT_TRUE(Has(page, "href=\"/confidentiality-policy\""));
  EXPECT_FALSE(Has(page, "govuk-warning-text"));

  v.mine.gate = policy::TrainingState::kMissing;
  EXPECT_TRUE(Has(MyTrainingPage({}, kWho, v).body, "govuk-warning-text"));
}

TEST(TrainingNoticeTest, OnlyWhenSomethingNeedsDoingWithItsLinks) {
  const governance::TrainingCatalogue catalogue = Catalogue();
  service::Vault::StaffTrainingStanding s = Member(9, "Dee Worker", false, false);
  EXPECT_EQ(TrainingNotice(s.standing, catalogue, s.gate, policy::TrainingMode::kDeny), "");

  s = Member(9, "Dee Worker", false, true);
  std::string notice = TrainingNotice(s.standing, catalogue, s.gate, policy::TrainingMode::kDeny);
  EXPECT_TRUE(Has(notice, "id=\"training-notice\""));
  EXPECT_TRUE(Has(notice, "id=\"training-notice-policy\""));
  EXPECT_TRUE(Has(notice, "href=\"/confidentiality-policy\""));
  EXPECT_TRUE(Has(notice, "by 10 December 2026"));
  EXPECT_FALSE(Has(notice, "training-notice-courses"));

  // A required course lapsed; the acknowledgement done; a course the role does not need is no reason.
  s = Member(9, "Dee Worker", true, false);
  notice = TrainingNotice(s.standing, catalogue, s.gate, policy::TrainingMode::kDeny);
  EXPECT_FALSE(Has(notice, "training-notice-policy"));
  EXPECT_TRUE(Has(notice, "id=\"training-notice-courses\""));
  EXPECT_TRUE(Has(notice, "Confidentiality and data protection (lapsed on 1 September 2026)"));
  EXPECT_FALSE(Has(notice, "Designated safeguarding lead training"));
  EXPECT_TRUE(Has(notice, "href=\"/training/mine\""));

  s.standing.acknowledgement.state = AcknowledgementState::kOverdue;
  s.standing.acknowledgement.due_by = domain::CivilDate{2026, 12, 10};
  notice = TrainingNotice(s.standing, catalogue, s.gate, policy::TrainingMode::kDeny);
  EXPECT_TRUE(Has(notice, "is overdue: until you acknowledge it, Confide does not show you children&#39;s records."));
}

TEST(CaseloadPageTest, TheTrainingNoticeAndTheReportsLinkOnlyForThoseTheyConcern) {
  const std::string plain = CaseloadPage({}, {"csrf", "/"}, {}).body;
  EXPECT_TRUE(Has(plain, "href=\"/training/mine\">My training</a>"));
  EXPECT_FALSE(Has(plain, "href=\"/training\">"));
  EXPECT_FALSE(Has(plain, "training-notice"));
  HomeTraining t;
  t.notice_html = "<div id=\"training-notice\">Do it</div>";
  t.report = true;
  const std::string keeper = CaseloadPage({}, {"csrf", "/"}, {}, std::nullopt, t).body;
  EXPECT_TRUE(Has(keeper, "href=\"/training\">Training report</a>"));
  EXPECT_LT(keeper.find("training-notice"), keeper.find("href=\"/training/mine\""));
}

// ---- with a real vault ----

class TrainingRoutesTest : public service::VaultTestBase {
 protected:
  // A confidentiality policy in the data directory's governance policy (version 2026.1 in force
  // from 10 November 2026, 30 days to acknowledge), and the vault opened again, as a restart would.
  void UsePolicy() {
    std::ofstream out(dir_.Str("data/governance-policy.toml"), std::ios::trunc);
    out << governance::DefaultGovernancePolicyToml()
        << "\n[confidentiality_policy]\nversion = \"2026.1\"\ntitle = \"Confidentiality policy\"\nin_force_from = "
           "\"2026-11-10\"\nacknowledge_within_days = 30\ntext = \"Keep what families tell you safe.\"\n";
    out.close();
    vault_.reset();
    auto v = service::Vault::Open(dir_.Str("data"), clock_);
    ASSERT_OK(v);
    vault_ = std::move(v).value();
  }

  WebContext& Context() {
    identity_ = std::make_unique<service::Identity>(*vault_);
    ctx_.reset(new WebContext{*vault_, *identity_, WebOptions{}, nullptr, nullptr, nullptr, nullptr, nullptr});
    return *ctx_;
  }

  std::unique_ptr<service::Identity> identity_;
  std::unique_ptr<WebContext> ctx_;
};

TEST_F(TrainingRoutesTest, AVolunteerIsRefusedTheReportAsAnyKeeperPageRefuses) {
  const domain::StaffId volunteer = AddTrained(domain::StaffRole::kVolunteer, "Sunflower Room");
  WebContext& ctx = Context();
  const http::Response refused = TrainingReportResponse(ctx, volunteer, kWho, false);
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(refused.body, NotAvailablePage(ctx.options, kWho).body);
  EXPECT_FALSE(Has(refused.body, "Training report"));
  // Their own training is theirs, and their home page has no link to the report.
  EXPECT_EQ(MyTrainingResponse(ctx, volunteer, kWho).status, 200);
  ASSERT_OK_AND_ASSIGN(HomeTraining home, HomeTrainingOf(ctx, volunteer));
  EXPECT_FALSE(home.report);

  // The administrator (training.report and staff.manage) sees everyone, names linked to their pages.
  const http::Response shown = TrainingReportResponse(ctx, kAdmin, kWho, false);
  EXPECT_EQ(shown.status, 200);
  EXPECT_TRUE(Has(shown.body, "id=\"staff-" + std::to_string(volunteer) + "\""));
  EXPECT_TRUE(Has(shown.body, "href=\"/admin/staff/" + std::to_string(volunteer) + "\""));
  ASSERT_OK_AND_ASSIGN(HomeTraining admin, HomeTrainingOf(ctx, kAdmin));
  EXPECT_TRUE(admin.report);
}

TEST_F(TrainingRoutesTest, ThePolicyIsAcknowledgedOnlyAsShown) {
  UsePolicy();
  const domain::StaffId worker = AddTrained(domain::StaffRole::kSocialWorker, "Assessment");
  WebContext& ctx = Context();
  const std::string digest = vault_->ConfidentialityPolicyDigest();
  ASSERT_FALSE(digest.empty());
  const http::Response before = ConfidentialityPolicyResponse(ctx, worker, kWho, false);
  EXPECT_EQ(before.status, 200);
  EXPECT_TRUE(Has(before.body, "name=\"version\" value=\"2026.1\""));
  EXPECT_TRUE(Has(before.body, "name=\"digest\" value=\"" + digest + "\""));
  EXPECT_TRUE(Has(before.body, "Please read and acknowledge this version by 10 December 2026."));
  ASSERT_OK_AND_ASSIGN(HomeTraining home, HomeTrainingOf(ctx, worker));
  EXPECT_TRUE(Has(home.notice_html, "id=\"training-notice-policy\""));

  // A text that was not the one shown: refused on the page, which shows the version in force.
  const http::Response stale = AcknowledgeResponse(ctx, worker, kWho, "2026.1", std::string(digest.size(), '0'));
  EXPECT_EQ(stale.status, 400);
  EXPECT_TRUE(Has(stale.body, "href=\"#policy-text\""));
  EXPECT_TRUE(Has(stale.body, "read it again"));
  EXPECT_TRUE(Has(stale.body, "name=\"digest\" value=\"" + digest + "\""));

  const http::Response done = AcknowledgeResponse(ctx, worker, kWho, "2026.1", digest);
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.Header("Location"), "/confidentiality-policy?acknowledged=1");

  const http::Response after = ConfidentialityPolicyResponse(ctx, worker, kWho, true);
  EXPECT_EQ(after.status, 200);
  EXPECT_TRUE(Has(after.body, "Thank you: acknowledged"));
  EXPECT_TRUE(Has(after.body, "You acknowledged version 2026.1 on 24 November 2026."));
  EXPECT_FALSE(Has(after.body, "name=\"digest\""));
  ASSERT_OK_AND_ASSIGN(HomeTraining later, HomeTrainingOf(ctx, worker));
  EXPECT_FALSE(Has(later.notice_html, "training-notice-policy"));
}

}  // namespace
}  // namespace confide::web
