// Training pages (web/training_pages.h): a member of staff's own courses and acknowledgement, and
// the training report of everyone active, which keeps the service's order (overdue first) and
// shows no more than names, roles, teams and where each stands.
#include "web/html.h"
#include "web/sharing_words.h"
#include "web/training_pages.h"
#include "web/words.h"

namespace confide::web {
namespace {

using governance::CourseState;

// The member of staff's own standing on a course, in words that do not depend on the report's
// "not required".
std::string OwnCourseTag(const governance::CourseStanding& c) {
  switch (c.state) {
    case CourseState::kCurrent: return Tag("green", "In date");
    case CourseState::kDueSoon: return Tag("yellow", "Due for a refresher");
    case CourseState::kLapsed: return Tag("red", "Lapsed");
    case CourseState::kMissing: return Tag(c.required ? "red" : "grey", "Not completed");
  }
  return "";
}

std::string LapseWords(const governance::CourseStanding& c) {
  if (!c.completed_at) return "–";
  return c.expires_at ? UkDay(*c.expires_at) : "Does not lapse";
}

// "overdue", "due_soon" or "in_date": a row's data-standing, and its tag beside the name.
std::string_view StandingName(const governance::TrainingStanding& s) {
  if (s.overdue) return "overdue";
  if (s.due_soon) return "due_soon";
  return "in_date";
}

std::string StandingTag(const governance::TrainingStanding& s) {
  if (s.overdue) return Tag("red", "Overdue");
  if (s.due_soon) return Tag("yellow", "Due soon");
  return "";
}

std::string Count(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

http::Response MyTrainingPage(const WebOptions& options, const SignedIn& who, const MyTrainingView& v) {
  const governance::TrainingStanding& st = v.mine.standing;
  std::string m = "<h1 class=\"govuk-heading-l\">Your training</h1>";
  m += "<p class=\"govuk-body\">The courses your organisation runs, where you stand on each today, and your acknowledgement of "
       "the confidentiality policy. An administrator records a course when you have completed it: if something here is out "
       "of date, tell them or your manager.</p>";
  if (v.mine.gate != policy::TrainingState::kCurrent) {
    m += WarningText(v.mode == policy::TrainingMode::kDeny
                         ? "Your training is not current, so Confide does not show you personal data about children and families."
                         : "Your training is not current, so whatever you open about children and families is flagged for review.");
  }
  if (st.courses.empty()) {
    m += "<p class=\"govuk-body\" id=\"no-courses\">Your organisation's governance policy lists no courses.</p>";
  } else {
    m += TableStart("my-courses", "Your courses", "govuk-table__caption--m",
                    {"Course", "Required of you", "Where you stand", "Completed", "Lapses or lapsed on"});
    for (const governance::CourseStanding& c : st.courses) {
      m += "<tr class=\"govuk-table__row\" id=\"course-" + Escape(c.course) + "\">" +
           TableCell(Escape(CourseName(v.catalogue, c.course))) + TableCell(c.required ? "Yes" : "No") + TableCell(OwnCourseTag(c)) +
           TableCell(Escape(c.completed_at ? UkDay(*c.completed_at) : "–")) + TableCell(Escape(LapseWords(c))) + "</tr>";
    }
    m += "</tbody></table>";
  }
  m += "<h2 class=\"govuk-heading-m\" id=\"my-acknowledgement\">Confidentiality policy</h2>";
  const std::string words = OwnAcknowledgementWords(st.acknowledgement, v.mine.gate, v.mode);
  m += "<p class=\"govuk-body\" id=\"my-acknowledgement-state\">" +
       (words.empty() ? std::string("Your organisation has not set a confidentiality policy in Confide.") : words) + "</p>";
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/confidentiality-policy\">Read the confidentiality policy</a></p>";
  return Page(200, SignedInOptions(options, "Your training", who), m);
}

http::Response TrainingReportPage(const WebOptions& options, const SignedIn& who, const TrainingReportView& v) {
  std::string m = "<h1 class=\"govuk-heading-l\">Training report</h1>";
  m += "<p class=\"govuk-body\">Every active member of staff: where they stand on each course the organisation runs and on "
       "the confidentiality policy in force, and what the access gate makes of it today. Those with something overdue come "
       "first, then those with something due soon. A course their role does not need is shown as not required.</p>";

  m += "<dl class=\"govuk-summary-list\" id=\"policy-in-force\">";
  if (v.in_force) {
    m += SummaryRow("Confidentiality policy", Escape(v.in_force->title + ", version " + v.in_force->version)) +
         SummaryRow("In force from", Escape(v.in_force->in_force_from.FormatUk())) +
         SummaryRow("To acknowledge by", Escape(v.in_force->AcknowledgeBy().FormatUk()));
  } else {
    m += SummaryRow("Confidentiality policy", "No confidentiality policy set");
  }
  m += "</dl>";

  size_t overdue = 0, due_soon = 0;
  for (const auto& s : v.staff) {
    if (s.standing.overdue) {
      ++overdue;
    } else if (s.standing.due_soon) {
      ++due_soon;
    }
  }
  m += "<p class=\"govuk-body\" id=\"training-counts\">" + Count(v.staff.size(), "member of staff", "members of staff") + ": " +
       std::to_string(overdue) + " with something overdue, " + std::to_string(due_soon) + " with something due soon.</p>";
  m += v.overdue_only ? "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/training\">Show everyone</a></p>"
                      : "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/training?show=overdue\">Show only those with "
                        "something overdue</a></p>";

  std::vector<std::string> course_names;
  for (const governance::Course& c : v.catalogue.courses) course_names.push_back(c.name);
  std::vector<std::string_view> headers = {"Name", "Role", "Team"};
  for (const std::string& name : course_names) headers.push_back(name);
  headers.push_back("Confidentiality policy");
  headers.push_back("Access gate");

  std::string rows;
  for (const auto& s : v.staff) {
    if (v.overdue_only && !s.standing.overdue) continue;
    const std::string id = std::to_string(s.staff.id);
    const std::string name = v.link_staff ? "<a class=\"govuk-link\" href=\"/admin/staff/" + id + "\">" + Escape(s.staff.details.full_name) + "</a>"
                                          : Escape(s.staff.details.full_name);
    const std::string tag = StandingTag(s.standing);
    rows += "<tr class=\"govuk-table__row\" id=\"staff-" + id + "\" data-standing=\"" + std::string(StandingName(s.standing)) + "\">" +
            "<th scope=\"row\" class=\"govuk-table__header\">" + name + (tag.empty() ? "" : " " + tag) + "</th>" +
            TableCell(Escape(Words(s.staff.role))) + TableCell(Escape(s.staff.team));
    // Each catalogue course in its column; the standing lists them in catalogue order.
    for (const governance::Course& c : v.catalogue.courses) {
      const governance::CourseStanding* found = nullptr;
      for (const governance::CourseStanding& cs : s.standing.courses) {
        if (cs.course == c.id) found = &cs;
      }
      rows += TableCell(found ? CourseStateTag(*found) : "–");
    }
    rows += TableCell(AcknowledgementTag(s.standing.acknowledgement)) + TableCell(GateTag(s.gate, v.mode)) + "</tr>";
  }
  if (rows.empty()) {
    m += "<p class=\"govuk-body\" id=\"no-staff\">" +
         std::string(v.overdue_only ? "Nobody has anything overdue." : "There is no active member of staff.") + "</p>";
  } else {
    m += TableStart("training-report",
                    v.overdue_only ? "Staff with something overdue" : "Every active member of staff, those with something overdue first",
                    "govuk-table__caption--m", headers);
    m += rows + "</tbody></table>";
  }
  return Page(200, SignedInOptions(options, "Training report", who), m);
}

}  // namespace confide::web
