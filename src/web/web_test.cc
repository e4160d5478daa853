// The web layer's pure parts: escaping, form bodies, cookies, and the page template's guarantees.
#include <gtest/gtest.h>

#include "http/cookies.h"
#include "testing/test_util.h"
#include "web/form_body.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/words.h"

namespace confide::web {
namespace {

http::Request FormRequest(std::string body, std::string type = "application/x-www-form-urlencoded") {
  http::Request r;
  r.method = "POST";
  r.headers.emplace_back("Content-Type", std::move(type));
  r.body = std::move(body);
  return r;
}

TEST(EscapeTest, EscapesEveryCharacterThatCouldEndTextOrAnAttribute) {
  EXPECT_EQ(Escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(Escape("Siân O'Neill"), "Siân O&#39;Neill");
  EXPECT_EQ(Escape(""), "");
}

TEST(FormBodyTest, ReadsDecodedFieldsOnce) {
  ASSERT_OK_AND_ASSIGN(FormBody form, FormBody::Parse(FormRequest("email=a%40b.org&password=two+words%26more&csrf_token=t")));
  EXPECT_EQ(form.Get("email"), "a@b.org");
  EXPECT_EQ(form.Get("password"), "two words&more");
  EXPECT_EQ(form.Get("csrf_token"), "t");
  EXPECT_EQ(form.Get("absent"), "");
  EXPECT_OK(form.Finish());
}

TEST(FormBodyTest, RefusesWhatIsNotAPlainForm) {
  EXPECT_FALSE(FormBody::Parse(FormRequest("a=1", "application/json")).ok());
  EXPECT_FALSE(FormBody::Parse(FormRequest("a=1", "multipart/form-data; boundary=x")).ok());
  EXPECT_FALSE(FormBody::Parse(FormRequest("a=1&a=2")).ok());       // a repeated field
  EXPECT_FALSE(FormBody::Parse(FormRequest("a=%ZZ")).ok());         // a malformed escape
  EXPECT_FALSE(FormBody::Parse(FormRequest("a=x%00y")).ok());       // a NUL
  EXPECT_TRUE(FormBody::Parse(FormRequest("a=1", "application/x-www-form-urlencoded; charset=UTF-8")).ok());
}

TEST(FormBodyTest, FinishRefusesUnreadAndOverlongFields) {
  ASSERT_OK_AND_ASSIGN(FormBody extra, FormBody::Parse(FormRequest("email=a&role=administrator")));
  (void)extra.Get("email");
  EXPECT_FALSE(extra.Finish().ok());
  ASSERT_OK_AND_ASSIGN(FormBody long_one, FormBody::Parse(FormRequest("code=" + std::string(100, '1'))));
  EXPECT_EQ(long_one.Get("code", 64), "");
  EXPECT_FALSE(long_one.Finish().ok());
}

TEST(CookiesTest, ReadsOneCookieAmongMany) {
  http::Request r;
  r.headers.emplace_back("Cookie", "a=1; __Host-confide_session=tok;b=2");
  EXPECT_EQ(http::CookieValue(r, "__Host-confide_session"), "tok");
  EXPECT_EQ(http::CookieValue(r, "b"), "2");
  EXPECT_EQ(http::CookieValue(r, "confide_session"), std::nullopt);
  EXPECT_EQ(http::HostCookie("__Host-x", "v", 60), "__Host-x=v; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=60");
}

TEST(PageTest, EscapesWhatItShowsAndSetsThePagePolicy) {
  PageOptions o;
  o.title = "<b>Title</b>";
  o.organisation = "Kestrel & Co";
  o.demo = true;
  http::Response r = Page(200, o, "<p>main</p>");
  EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  EXPECT_EQ(r.Header("Content-Security-Policy"), kPageContentSecurityPolicy);
  EXPECT_NE(r.body.find("<title>&lt;b&gt;Title&lt;/b&gt; – Confide</title>"), std::string::npos);
  EXPECT_NE(r.body.find("Kestrel &amp; Co"), std::string::npos);
  EXPECT_NE(r.body.find("confide-demo-banner"), std::string::npos);
  EXPECT_EQ(r.body.find("<script>"), std::string::npos) << "no inline script";
  o.demo = false;
  o.has_error = true;
  http::Response plain = Page(400, o, "");
  EXPECT_EQ(plain.body.find("confide-demo-banner"), std::string::npos);
  EXPECT_NE(plain.body.find("<title>Error: "), std::string::npos);
}

TEST(FormHtmlTest, ErrorsAreLinkedFromTheSummaryAndDescribeTheirField) {
  TextInput in;
  in.id = "email";
  in.label = "Email address";
  in.hint = "Your work email";
  in.value = "\"quoted\"";
  const std::vector<FieldError> errors{{"email", "Enter your email address"}};
  const std::string summary = ErrorSummary(errors);
  EXPECT_NE(summary.find("<a href=\"#email\">Enter your email address</a>"), std::string::npos);
  EXPECT_EQ(ErrorSummary({}), "");
  const std::string group = TextInputGroup(in, errors);
  EXPECT_NE(group.find("govuk-form-group--error"), std::string::npos);
  EXPECT_NE(group.find("aria-describedby=\"email-hint email-error\""), std::string::npos);
  EXPECT_NE(group.find("value=\"&quot;quoted&quot;\""), std::string::npos);
  EXPECT_NE(OpenForm("/sign-in", "tok").find("name=\"csrf_token\" value=\"tok\""), std::string::npos);
}

TEST(FormHtmlTest, ADateErrorMarksAllThreeBoxesAndKeepsWhatWasTyped) {
  const std::string ok = DateInputGroup("date_of_birth", "Date of birth", "For example, 27 3 2019", "4", "", "2019", {});
  EXPECT_EQ(ok.find("govuk-input--error"), std::string::npos);
  EXPECT_NE(ok.find("id=\"date_of_birth_day\" name=\"date_of_birth_day\""), std::string::npos);
  EXPECT_NE(ok.find("value=\"2019\""), std::string::npos);
  const std::string bad = DateInputGroup("date_of_birth", "Date of birth", "hint", "31", "2", "2019",
                                         {{"date_of_birth_day", "Date of birth must be a real date"}});
  size_t marked = 0;
  for (size_t at = bad.find("govuk-input--error"); at != std::string::npos; at = bad.find("govuk-input--error", at + 1)) ++marked;
  EXPECT_EQ(marked, 3u);
  EXPECT_NE(bad.find("aria-describedby=\"date_of_birth-hint date_of_birth-error\""), std::string::npos);
}

TEST(FormBodyTest, DateBoxesMakeARealDateOrNothing) {
  EXPECT_EQ(DateFromBoxes("7", "3", "2019"), (domain::CivilDate{2019, 3, 7}));
  EXPECT_EQ(DateFromBoxes("07", "03", "2019"), (domain::CivilDate{2019, 3, 7}));
  EXPECT_EQ(DateFromBoxes("29", "2", "2024"), (domain::CivilDate{2024, 2, 29}));
  EXPECT_EQ(DateFromBoxes("29", "2", "2025"), std::nullopt);  // not a leap year
  EXPECT_EQ(DateFromBoxes("7", "3", "19"), std::nullopt);     // a two-digit year is ambiguous
  EXPECT_EQ(DateFromBoxes("", "3", "2019"), std::nullopt);
  EXPECT_EQ(DateFromBoxes("x", "3", "2019"), std::nullopt);
}

TEST(FormHtmlTest, ASelectKeepsTheChoiceAndShowsItsError) {
  const std::vector<SelectOption> options{{"", "Choose"}, {"7", "Sam <Smith>"}};
  const std::string chosen = SelectGroup("staff_id", "Member of staff", options, "7", {});
  EXPECT_NE(chosen.find("<option value=\"7\" selected>Sam &lt;Smith&gt;</option>"), std::string::npos);
  EXPECT_EQ(chosen.find("govuk-select--error"), std::string::npos);
  const std::string bad = SelectGroup("staff_id", "Member of staff", options, "", {{"staff_id", "Choose a member of staff"}});
  EXPECT_NE(bad.find("govuk-select--error"), std::string::npos);
  EXPECT_NE(bad.find("aria-describedby=\"staff_id-error\""), std::string::npos);
  EXPECT_NE(bad.find("<option value=\"\" selected>Choose</option>"), std::string::npos);
}

TEST(WordsTest, DomainValuesReadAsWords) {
  EXPECT_EQ(Words(domain::AllocationRole::kAllocatedSocialWorker), "Allocated social worker");
  EXPECT_EQ(Words(domain::RelationshipKind::kStepParent), "Step parent");
  EXPECT_EQ(Words(domain::Restriction::kMustNotKnowAddress), "Must not be told the child's address");
  EXPECT_EQ(DateWords(std::nullopt), "Not recorded");
  EXPECT_EQ(DateWords(domain::CivilDate{2019, 3, 4}), "4 March 2019");
}

}  // namespace
}  // namespace confide::web
