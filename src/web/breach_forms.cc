// Reading the breach pages' forms (web/breach_forms.h).
#include "web/breach_forms.h"

#include <algorithm>

#include "domain/text.h"
#include "web/concern_draft.h"

namespace confide::web {
namespace {

std::string Trimmed(std::string_view s) { return std::string(domain::Trim(s)); }

bool AnyTyped(std::initializer_list<std::string_view> boxes) {
  return std::any_of(boxes.begin(), boxes.end(), [](std::string_view b) { return !domain::IsBlank(b); });
}

// A moment typed as date and time boxes, checked against now. An error (on FIELD) when the boxes
// do not name a real moment or name one still to come.
std::optional<UnixMicros> ReadMoment(const std::string& day, const std::string& month, const std::string& year, const std::string& hour,
                                     const std::string& minute, UnixMicros now, const std::string& field, std::string_view what,
                                     std::vector<FieldError>& errors) {
  const std::optional<UnixMicros> at = ParseUkDateTime(Trimmed(day), Trimmed(month), Trimmed(year), Trimmed(hour), Trimmed(minute));
  if (!at) {
    errors.push_back({field, "Enter when " + std::string(what) + ": a real date, and a time such as 14 and 30"});
    return std::nullopt;
  }
  if (*at > now) {
    errors.push_back({field, "When " + std::string(what) + " must not be in the future"});
    return std::nullopt;
  }
  return at;
}

std::string NoteMessage(std::optional<service::BreachStepKind> kind) {
  if (!kind) return "Enter a note";
  switch (*kind) {
    case service::BreachStepKind::kAssessed: return "Enter what the assessment rests on";
    case service::BreachStepKind::kDecided: return "Enter the reasons for the decision";
    case service::BreachStepKind::kReported: return "Enter how it was reported to the ICO";
    case service::BreachStepKind::kPeopleTold: return "Enter how and what the people affected were told, or why they were not";
    case service::BreachStepKind::kAction: return "Enter what was done";
    case service::BreachStepKind::kClosed: return "Enter the lessons learned";
  }
  return "Enter a note";
}

// "yes" or "no" from a pair of radios; nullopt for anything else.
std::optional<bool> YesNo(std::string_view answer) {
  if (answer == "yes") return true;
  if (answer == "no") return false;
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<domain::PersonId>> PeopleFromText(std::string_view text) {
  std::vector<domain::PersonId> people;
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = text.find_first_not_of(", \t\r\n", i);
    if (start == std::string_view::npos) break;
    size_t end = text.find_first_of(", \t\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    const std::optional<int64_t> id = PositiveId(text.substr(start, end - start));
    if (!id) return std::nullopt;
    if (std::find(people.begin(), people.end(), *id) == people.end()) people.push_back(*id);
    i = end;
  }
  return people;
}

std::optional<int64_t> CountFromText(std::string_view text) {
  const std::string_view t = domain::Trim(text);
  if (t.empty() || t.size() > 9 || t.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  return std::stoll(std::string(t));
}

std::optional<service::BreachReport> ReadBreachReport(FormBody& form, BreachReportForm& f, UnixMicros now) {
  f.kind = form.Get("kind", 40);
  form.GetDate("aware", &f.aware_day, &f.aware_month, &f.aware_year);
  f.aware_hour = form.Get("aware_hour", 10);
  f.aware_minute = form.Get("aware_minute", 10);
  form.GetDate("happened", &f.happened_day, &f.happened_month, &f.happened_year);
  f.happened_hour = form.Get("happened_hour", 10);
  f.happened_minute = form.Get("happened_minute", 10);
  f.discovered_by = form.Get("discovered_by", 400);
  f.what_happened = form.Get("what_happened", 20000);
  f.data_affected = form.Get("data_affected", 4000);
  f.people_affected = form.Get("people_affected", 20);
  f.people = form.Get("people", 2000);
  f.immediate_action = form.Get("immediate_action", 20000);

  service::BreachReport r;
  const std::optional<service::BreachKind> kind = service::ParseBreachKind(f.kind);
  if (!kind) f.errors.push_back({BreachKindField(), "Choose what kind of breach it is"});
  const std::optional<UnixMicros> aware =
      ReadMoment(f.aware_day, f.aware_month, f.aware_year, f.aware_hour, f.aware_minute, now, "aware_day", "we became aware of it", f.errors);
  // When it happened is often not known: all five boxes empty says so.
  if (AnyTyped({f.happened_day, f.happened_month, f.happened_year, f.happened_hour, f.happened_minute})) {
    r.happened_at = ParseUkDateTime(Trimmed(f.happened_day), Trimmed(f.happened_month), Trimmed(f.happened_year),
                                    Trimmed(f.happened_hour), Trimmed(f.happened_minute));
    if (!r.happened_at) {
      f.errors.push_back({"happened_day", "Enter when it happened: a real date and a time such as 9 and 0, or leave it all empty"});
    } else if (aware && *r.happened_at > *aware) {
      f.errors.push_back({"happened_day", "When it happened must be before we became aware of it"});
    }
  }
  // Only what happened and when we became aware are required: a breach is reported at once, and
  // the rest can be filled in by the assessment.
  if (domain::IsBlank(f.what_happened)) f.errors.push_back({"what_happened", "Enter what happened"});
  const std::optional<int64_t> count = domain::IsBlank(f.people_affected) ? std::optional<int64_t>(0) : CountFromText(f.people_affected);
  if (!count) f.errors.push_back({"people_affected", "Enter how many people it affects as a whole number, or leave it empty if not yet known"});
  const std::optional<std::vector<domain::PersonId>> people = PeopleFromText(f.people);
  if (!people) f.errors.push_back({"people", "Enter Confide ids as numbers separated by commas, for example 12, 40, or leave it empty"});
  if (!f.errors.empty()) return std::nullopt;
  r.kind = *kind;
  r.became_aware_at = *aware;
  r.discovered_by = Trimmed(f.discovered_by);
  r.what_happened = Trimmed(f.what_happened);
  r.data_affected = Trimmed(f.data_affected);
  r.people_affected = *count;
  r.people = *people;
  r.immediate_action = Trimmed(f.immediate_action);
  return r;
}

std::optional<service::BreachReport> ReadCandidateOpening(FormBody& form, const std::string& key, CandidateForm& f, UnixMicros now) {
  f.opening = true;
  f.kind = form.Get(key + "-kind", 40);
  form.GetDate(key + "-aware", &f.aware_day, &f.aware_month, &f.aware_year);
  f.aware_hour = form.Get(key + "-aware_hour", 10);
  f.aware_minute = form.Get(key + "-aware_minute", 10);
  f.what_happened = form.Get(key + "-what_happened", 20000);
  const std::optional<service::BreachKind> kind = service::ParseBreachKind(f.kind);
  if (!kind) f.errors.push_back({key + "-kind", "Choose what kind of breach it is"});
  const std::optional<UnixMicros> aware = ReadMoment(f.aware_day, f.aware_month, f.aware_year, f.aware_hour, f.aware_minute, now,
                                                     key + "-aware_day", "we became aware of it", f.errors);
  if (domain::IsBlank(f.what_happened)) f.errors.push_back({key + "-what_happened", "Enter what happened"});
  if (!f.errors.empty()) return std::nullopt;
  service::BreachReport r;
  r.kind = *kind;
  r.became_aware_at = *aware;
  r.what_happened = Trimmed(f.what_happened);
  return r;
}

std::optional<std::string> ReadCandidateDismissal(FormBody& form, const std::string& key, CandidateForm& f) {
  f.reason = form.Get(key + "-reason", 4000);
  if (domain::IsBlank(f.reason)) {
    f.errors.push_back({key + "-reason", "Enter why it is not a breach"});
    return std::nullopt;
  }
  return Trimmed(f.reason);
}

std::optional<service::BreachStepInput> ReadBreachStep(FormBody& form, BreachStepForm& f, UnixMicros now) {
  f.kind = form.Get("kind", 40);
  form.GetDate("at", &f.at_day, &f.at_month, &f.at_year);
  f.at_hour = form.Get("at_hour", 10);
  f.at_minute = form.Get("at_minute", 10);
  f.note = form.Get("note", 20000);
  f.likelihood = form.Get("likelihood", 20);
  f.severity = form.Get("severity", 20);
  f.people_affected = form.Get("people_affected", 20);
  f.more_people = form.Get("more_people", 2000);
  f.report = form.Get("report", 3);
  f.ico_reference = form.Get("ico_reference", 200);
  f.delay_reason = form.Get("delay_reason", 4000);
  f.told = form.Get("told", 3);

  service::BreachStepInput step;
  const std::optional<service::BreachStepKind> kind = service::ParseBreachStepKind(f.kind);
  if (!kind) f.errors.push_back({"kind", "Choose what happened"});
  const std::optional<UnixMicros> at = ReadMoment(f.at_day, f.at_month, f.at_year, f.at_hour, f.at_minute, now, "at_day", "it happened", f.errors);
  if (domain::IsBlank(f.note)) f.errors.push_back({"note", NoteMessage(kind)});
  // Answers meant for another kind of step are left out, as the form's labels say.
  if (kind == service::BreachStepKind::kAssessed) {
    step.likelihood = governance::ParseBreachLikelihood(f.likelihood);
    if (!step.likelihood) f.errors.push_back({"likelihood-remote", "Choose how likely it is that the people affected come to harm"});
    step.severity = governance::ParseBreachSeverity(f.severity);
    if (!step.severity) f.errors.push_back({"severity-minimal", "Choose how severe the harm to them could be"});
    if (!domain::IsBlank(f.people_affected)) {
      step.people_affected = CountFromText(f.people_affected);
      if (!step.people_affected) {
        f.errors.push_back({"people_affected", "Enter how many people it affects now, as a whole number, or leave it empty"});
      }
    }
    const std::optional<std::vector<domain::PersonId>> people = PeopleFromText(f.more_people);
    if (people) {
      step.people = *people;
    } else {
      f.errors.push_back({"more_people", "Enter Confide ids as numbers separated by commas, for example 12, 40, or leave it empty"});
    }
  }
  if (kind == service::BreachStepKind::kDecided) {
    step.report = YesNo(f.report);
    if (!step.report) f.errors.push_back({"report-yes", "Choose whether to report it to the ICO"});
  }
  if (kind == service::BreachStepKind::kReported) {
    if (domain::IsBlank(f.ico_reference)) f.errors.push_back({"ico_reference", "Enter the ICO's reference"});
    step.ico_reference = Trimmed(f.ico_reference);
    // Whether the report is late is the register's to say: it knows the 72 hours.
    step.delay_reason = Trimmed(f.delay_reason);
  }
  if (kind == service::BreachStepKind::kPeopleTold) {
    step.told = YesNo(f.told);
    if (!step.told) f.errors.push_back({"told-yes", "Choose whether the people affected were told"});
  }
  if (!f.errors.empty()) return std::nullopt;
  step.kind = *kind;
  step.at = *at;
  step.note = Trimmed(f.note);
  return step;
}

std::string ReportFieldFor(std::string_view message) {
  auto says = [message](std::string_view words) { return message.find(words) != std::string_view::npos; };
  // "no person with id N": a person the reporter may not see reads as one that does not exist.
  if (says("no person") || says("named") || says("name at most")) return "people";
  if (says("what happened")) return "what_happened";
  if (says("discovered")) return "discovered_by";
  if (says("data was affected")) return "data_affected";
  if (says("done at once")) return "immediate_action";
  if (says("number of people")) return "people_affected";
  if (says("happened")) return "happened_day";
  if (says("kind")) return BreachKindField();
  // Awareness in the future, or outside the years the clock is worked out for.
  return "aware_day";
}

std::string StepFieldFor(std::string_view message) {
  auto says = [message](std::string_view words) { return message.find(words) != std::string_view::npos; };
  if (says("no person") || says("named") || says("name at most")) return "more_people";
  if (says("reference")) return "ico_reference";
  if (says("delay")) return "delay_reason";
  if (says("likelihood")) return "likelihood-remote";
  if (says("severity")) return "severity-minimal";
  if (says("number of people")) return "people_affected";
  if (says("decision says whether")) return "report-yes";
  if (says("whether") && says("told")) return "told-yes";
  if (says("a note")) return "note";
  if (says("time of") || says("in order")) return "at_day";
  // What does not fit the breach as it stands (a report with no decision to report, anything
  // after closing): about the kind of step chosen.
  return "kind";
}

}  // namespace confide::web
