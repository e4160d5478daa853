// The words the training pages and the home page's notice share (web/training_pages.h).
#include "domain/uk_time.h"
#include "web/html.h"
#include "web/sharing_words.h"
#include "web/training_pages.h"

namespace confide::web {
namespace {

using governance::AcknowledgementState;
using governance::CourseState;

// What an acknowledgement that is overdue costs now, as a clause ("" when the gate sees training in
// date, so nothing is held back).
std::string OverdueCost(policy::TrainingState gate, policy::TrainingMode mode) {
  if (gate == policy::TrainingState::kCurrent) return "";
  return mode == policy::TrainingMode::kDeny ? ": until you acknowledge it, Confide does not show you children's records"
                                             : ": until you acknowledge it, whatever you open about children is flagged for review";
}

std::string BannerLink(std::string_view href, std::string_view text) {
  return "<a class=\"govuk-notification-banner__link\" href=\"" + Escape(href) + "\">" + Escape(text) + "</a>";
}

}  // namespace

std::string UkDay(UnixMicros t) { return domain::ToUkLocal(t).date.FormatUk(); }

std::string CourseName(const governance::TrainingCatalogue& catalogue, std::string_view id) {
  const governance::Course* c = catalogue.Find(id);
  return c ? c->name : std::string(id);
}

std::string CourseStateTag(const governance::CourseStanding& c) {
  if (!c.required) return "Not required";
  switch (c.state) {
    case CourseState::kCurrent: return Tag("green", "In date");
    case CourseState::kDueSoon:
      return Tag("yellow", "Due soon") + (c.expires_at ? " " + Escape("lapses " + UkDay(*c.expires_at)) : std::string());
    case CourseState::kLapsed:
      return Tag("red", "Lapsed") + (c.expires_at ? " " + Escape("on " + UkDay(*c.expires_at)) : std::string());
    case CourseState::kMissing: return Tag("red", "Not completed");
  }
  return "";
}

std::string AcknowledgementTag(const governance::AcknowledgementStanding& a) {
  switch (a.state) {
    case AcknowledgementState::kNoPolicy: return "No policy set";
    case AcknowledgementState::kAcknowledged:
      return Tag("green", "Acknowledged") + (a.acknowledged_at ? " " + Escape(UkDay(*a.acknowledged_at)) : std::string());
    case AcknowledgementState::kDue:
      return Tag("yellow", "Due") + (a.due_by ? " " + Escape("by " + a.due_by->FormatUk()) : std::string());
    case AcknowledgementState::kOverdue:
      return Tag("red", "Overdue") + (a.due_by ? " " + Escape("was due by " + a.due_by->FormatUk()) : std::string());
  }
  return "";
}

std::string GateTag(policy::TrainingState gate, policy::TrainingMode mode) {
  if (gate == policy::TrainingState::kCurrent) return Tag("green", "Current");
  const std::string what = gate == policy::TrainingState::kMissing ? "Missing" : "Lapsed";
  return Tag(mode == policy::TrainingMode::kDeny ? "red" : "orange", what) + " " +
         (mode == policy::TrainingMode::kDeny ? "personal data refused" : "every use of personal data flagged for review");
}

std::string OwnAcknowledgementWords(const governance::AcknowledgementStanding& a, policy::TrainingState gate,
                                    policy::TrainingMode mode) {
  std::string words;
  switch (a.state) {
    case AcknowledgementState::kNoPolicy: return "";
    case AcknowledgementState::kAcknowledged:
      words = "You acknowledged version " + a.version + (a.acknowledged_at ? " on " + UkDay(*a.acknowledged_at) : std::string()) + ".";
      break;
    case AcknowledgementState::kDue:
      words = "Please read and acknowledge this version" + (a.due_by ? " by " + a.due_by->FormatUk() : std::string()) + ".";
      break;
    case AcknowledgementState::kOverdue: {
      const std::string cost = OverdueCost(gate, mode);
      words = "Your acknowledgement is overdue" + (cost.empty() ? std::string(": please read and acknowledge this version now") : cost) + ".";
      break;
    }
  }
  // A new version replaces one read before: say so, so nobody thinks it is a mistake.
  if (a.state != AcknowledgementState::kAcknowledged && !a.last_version_acknowledged.empty() &&
      a.last_version_acknowledged != a.version) {
    words += " You acknowledged version " + a.last_version_acknowledged + " before; this version replaces it.";
  }
  return Escape(words);
}

std::string TrainingNotice(const governance::TrainingStanding& standing, const governance::TrainingCatalogue& catalogue,
                           policy::TrainingState gate, policy::TrainingMode mode) {
  if (!standing.overdue && !standing.due_soon) return "";
  const governance::AcknowledgementStanding& a = standing.acknowledgement;
  std::string about_policy;
  if (a.state == AcknowledgementState::kDue) {
    about_policy = "Please " + BannerLink("/confidentiality-policy", "read and acknowledge the confidentiality policy") +
                   (a.due_by ? Escape(" by " + a.due_by->FormatUk()) : std::string()) + ".";
  } else if (a.state == AcknowledgementState::kOverdue) {
    const std::string cost = OverdueCost(gate, mode);
    about_policy = "Your acknowledgement of the " + BannerLink("/confidentiality-policy", "confidentiality policy") + " is overdue" +
                   Escape(cost.empty() ? std::string(": please read and acknowledge it now") : cost) + ".";
  }
  std::string courses;
  for (const governance::CourseStanding& c : standing.courses) {
    if (!c.required) continue;
    std::string state;
    switch (c.state) {
      case CourseState::kCurrent: continue;
      case CourseState::kMissing: state = "not completed"; break;
      case CourseState::kLapsed: state = c.expires_at ? "lapsed on " + UkDay(*c.expires_at) : "lapsed"; break;
      case CourseState::kDueSoon: state = c.expires_at ? "lapses on " + UkDay(*c.expires_at) : "lapses soon"; break;
    }
    courses += (courses.empty() ? "" : "; ") + Escape(CourseName(catalogue, c.course) + " (" + state + ")");
  }
  if (about_policy.empty() && courses.empty()) return "";
  std::string h =
      "<div class=\"govuk-notification-banner\" role=\"region\" aria-labelledby=\"training-notice-title\" "
      "data-module=\"govuk-notification-banner\" id=\"training-notice\"><div class=\"govuk-notification-banner__header\"><h2 "
      "class=\"govuk-notification-banner__title\" id=\"training-notice-title\">Important</h2></div><div "
      "class=\"govuk-notification-banner__content\">";
  if (!about_policy.empty()) h += "<p class=\"govuk-body\" id=\"training-notice-policy\">" + about_policy + "</p>";
  if (!courses.empty()) {
    h += "<p class=\"govuk-body\" id=\"training-notice-courses\">Training to do: " + courses + ". See " +
         BannerLink("/training/mine", "your training") + ": an administrator records a course when you have completed it.</p>";
  }
  return h + "</div></div>";
}

}  // namespace confide::web
