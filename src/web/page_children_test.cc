// The child's overview and the home page, rendered without a server: what a practitioner must see
// first is there, and only for the people it concerns.
#include <gtest/gtest.h>

#include "web/pages.h"
#include "web/web_routes.h"

namespace confide::web {
namespace {

size_t Count(const std::string& text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

ChildOverview::Related Relative(domain::RelationshipId id, domain::RelationshipKind kind, const char* name, bool poses_risk) {
  ChildOverview::Related r;
  r.relationship.id = id;
  r.relationship.details.kind = kind;
  r.relationship.details.poses_risk = poses_risk;
  r.name = name;
  return r;
}

TEST(ChildPageTest, SomeoneWhoMayPoseARiskIsTaggedBesideTheirNameAndNobodyElse) {
  ChildOverview v;
  v.child.id = 7;
  v.child.kind = domain::PersonKind::kChild;
  v.child.details.given_names = "Mia";
  v.child.details.family_name = "Hart";
  v.today = domain::CivilDate::Parse("2026-12-06").value();
  v.related = {Relative(1, domain::RelationshipKind::kMother, "Jo Hart", false),
               Relative(2, domain::RelationshipKind::kFather, "Sam Reed", true)};
  const std::string page = ChildPage({}, {"csrf", ""}, v).body;
  EXPECT_EQ(Count(page, "May pose a risk to the child"), 1u) << page;
  const size_t tag = page.find("May pose a risk to the child");
  EXPECT_LT(page.find("Sam Reed"), tag);
  EXPECT_GT(page.find("Sam Reed") + 60, tag) << "beside his name, not elsewhere on the page";

  v.related[1].relationship.details.poses_risk = false;
  EXPECT_EQ(Count(ChildPage({}, {"csrf", ""}, v).body, "May pose a risk"), 0u);
}

TEST(CaseloadPageTest, OnlyApproversSeeWhatWaitsForThem) {
  const std::string approver = CaseloadPage({}, {"csrf", "/"}, {}, 3).body;
  EXPECT_NE(approver.find("3 requests to share are waiting for your approval."), std::string::npos) << approver;
  EXPECT_NE(approver.find("href=\"/sharing/awaiting-approval\""), std::string::npos);
  EXPECT_NE(CaseloadPage({}, {"csrf", "/"}, {}, 1).body.find("1 request to share is waiting"), std::string::npos);
  EXPECT_NE(CaseloadPage({}, {"csrf", "/"}, {}, 0).body.find("No requests to share are waiting"), std::string::npos);
  const std::string worker = CaseloadPage({}, {"csrf", "/"}, {}, std::nullopt).body;
  EXPECT_EQ(worker.find("awaiting-approval"), std::string::npos);
}

}  // namespace
}  // namespace confide::web
