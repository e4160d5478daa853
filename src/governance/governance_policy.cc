// Parsing the governance policy file: every problem reported with its line, nothing half-loaded.
#include "governance/governance_policy.h"

#include <toml++/toml.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "policy/access_request.h"
#include "policy/toml_reading.h"

namespace confide::governance {
namespace {

using policy::CheckKeys;
using policy::EachTable;
using policy::LineOf;
using policy::Problems;
using policy::Quote;
using policy::ReadLine;

constexpr int kVersion = 1;
constexpr size_t kMaxNameChars = 200;
constexpr size_t kMaxBasisChars = 400;
constexpr size_t kMaxHolidayNameChars = 100;
constexpr size_t kMaxCourseIdChars = 64;
constexpr int kMaxRefresherMonths = 120;
constexpr size_t kMaxPolicyTitleChars = 200;
constexpr int kMaxAcknowledgeWithinDays = 365;
constexpr int kMinRegisterYears = 1;
constexpr int kMaxRegisterYears = 100;
constexpr size_t kMaxPolicyTextBytes = 100000;

// A course id: a lower-case letter, then lower-case letters, digits and '_' (at most 64).
bool IsCourseId(std::string_view s) {
  if (s.empty() || s.size() > kMaxCourseIdChars || !(s.front() >= 'a' && s.front() <= 'z')) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// Every role's name, for messages.
std::string RoleNames() {
  std::vector<std::string_view> v;
  for (domain::StaffRole r : policy::kAllRoles) v.push_back(domain::ToString(r));
  return policy::JoinNames(v);
}

class Parser {
 public:
  Parser(std::string_view source, GovernancePolicy& out) : problems_(source, "governance policy"), out_(out) {}
  Problems& problems() { return problems_; }

  void File(const toml::table& doc) {
    CheckKeys(doc, "the file",
              {"version", "retention_class", "bank_holiday", "bank_holiday_moved", "foi", "school_closure", "course",
               "confidentiality_policy", "register_retention"},
              problems_);
    Version(doc);
    EachTable(doc, "retention_class", problems_, [this](const toml::table& t, const std::string& ctx) { Class(t, ctx); });
    ScheduleProblems();
    EachTable(doc, "bank_holiday", problems_, [this](const toml::table& t, const std::string& ctx) { Addition(t, ctx); });
    EachTable(doc, "bank_holiday_moved", problems_, [this](const toml::table& t, const std::string& ctx) { Move(t, ctx); });
    CalendarProblems();
    Foi(doc);
    EachTable(doc, "course", problems_, [this](const toml::table& t, const std::string& ctx) { CourseTable(t, ctx); });
    Confidentiality(doc);
    Registers(doc);
  }

 private:
  // Where a class and its fields were written, for the schedule's problems.
  struct ClassLines {
    int table = 0;
    std::map<std::string, int, std::less<>> fields;
  };



  void Version(const toml::table& doc) {
    const toml::node* n = doc.get("version");
    if (!n) {
      problems_.Add(0, "version is missing (write version = " + std::to_string(kVersion) + " at the top)");
      return;
    }
    const int64_t* v = n->is_integer() ? &n->as_integer()->get() : nullptr;
    if (!v || *v != kVersion) {
      problems_.Add(LineOf(*n), "version must be " + std::to_string(kVersion) +
                                    " (the only version of this file this Confide reads)");
    }
  }

  // A whole number that fits an int (the schedule's checks say what range it must be in).
  std::optional<int> ReadInt(const toml::node& n, const std::string& ctx, std::string_view key) {
    const int64_t* v = n.is_integer() ? &n.as_integer()->get() : nullptr;
    if (!v) {
      problems_.Add(LineOf(n), ctx + ": " + std::string(key) + " must be a whole number");
      return std::nullopt;
    }
    if (*v < INT_MIN || *v > INT_MAX) {
      problems_.Add(LineOf(n), ctx + ": " + std::string(key) + " is " + std::to_string(*v) + ", far out of range");
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }

  // A date "YYYY-MM-DD" (in quotes, or a TOML date) that the bank holiday calendar covers.
  std::optional<CivilDate> ReadDate(const toml::node& n, const std::string& ctx, std::string_view key) {
    std::optional<CivilDate> date;
    if (const toml::value<toml::date>* d = n.as_date()) {
      date = CivilDate{d->get().year, d->get().month, d->get().day};
    } else if (const toml::value<std::string>* s = n.as_string()) {
      Result<CivilDate> parsed = CivilDate::Parse(s->get());
      if (!parsed.ok()) {
        problems_.Add(LineOf(n),
                      ctx + ": " + std::string(key) + " " + Quote(s->get()) + " is not a date written \"YYYY-MM-DD\"");
        return std::nullopt;
      }
      date = *parsed;
    } else {
      problems_.Add(LineOf(n), ctx + ": " + std::string(key) + " must be a date written \"YYYY-MM-DD\"");
      return std::nullopt;
    }
    if (!BankHolidayCalendar::Covers(*date)) {
      problems_.Add(LineOf(n), ctx + ": " + std::string(key) + " " + date->ToIso() + " is outside the years " +
                                   std::to_string(BankHolidayCalendar::kFirstYear) + " to " +
                                   std::to_string(BankHolidayCalendar::kLastYear) + " the calendar covers");
      return std::nullopt;
    }
    return date;
  }

  // `key`'s node, or a problem saying it is missing.
  const toml::node* Required(const toml::table& t, const std::string& ctx, std::string_view key,
                             std::string_view what) {
    const toml::node* n = t.get(key);
    if (!n) problems_.Add(LineOf(t), ctx + ": " + std::string(key) + " is missing (" + std::string(what) + ")");
    return n;
  }

  void Class(const toml::table& t, const std::string& table_ctx) {
    CheckKeys(t, table_ctx, {"id", "name", "basis", "start", "years", "review_months"}, problems_);
    RetentionClass c;
    ClassLines lines;
    lines.table = LineOf(t);
    bool ok = true;
    std::string ctx = table_ctx;
    if (const toml::node* n = Required(t, ctx, "id", "the class's name in the file, such as \"child\"")) {
      if (const toml::value<std::string>* s = n->as_string()) {
        c.id = s->get();
        ctx = "retention class " + Quote(c.id);
        lines.fields["id"] = LineOf(*n);
        // Legal holds name the registers about no child by these: a class of people cannot.
        if (c.id == "foi_register" || c.id == "breach_register") {
          problems_.Add(LineOf(*n), ctx + ": the id is the name of a register's legal hold; choose another");
          ok = false;
        }
      } else {
        problems_.Add(LineOf(*n), ctx + ": id must be text in quotes");
        ok = false;
      }
    } else {
      ok = false;
    }
    for (auto [key, field, max, what] :
         {std::tuple<std::string_view, std::string*, size_t, std::string_view>{"name", &c.name, kMaxNameChars,
                                                                               "what the records are, in words"},
          {"basis", &c.basis, kMaxBasisChars, "the law or guidance the period comes from"}}) {
      const toml::node* n = Required(t, ctx, key, what);
      std::optional<std::string> s = n ? ReadLine(*n, ctx, key, max, problems_) : std::nullopt;
      if (s) {
        *field = std::move(*s);
        lines.fields[std::string(key)] = LineOf(*n);
      } else {
        ok = false;
      }
    }
    if (const toml::node* n = Required(t, ctx, "start", "what the years are counted from")) {
      const toml::value<std::string>* s = n->as_string();
      std::optional<RetentionStart> start = s ? ParseRetentionStart(s->get()) : std::nullopt;
      if (start) {
        c.start = *start;
        lines.fields["start"] = LineOf(*n);
      } else {
        problems_.Add(LineOf(*n),
                      ctx + ": start must be one of: date_of_birth, trigger_date, last_activity, linked_children");
        ok = false;
      }
    } else {
      ok = false;
    }
    for (auto [key, field, what] :
         {std::tuple<std::string_view, int*, std::string_view>{"years", &c.years,
                                                               "how many years the records are kept"},
          {"review_months", &c.review_months, "how many months before destruction they are reviewed"}}) {
      const toml::node* n = Required(t, ctx, key, what);
      std::optional<int> v = n ? ReadInt(*n, ctx, key) : std::nullopt;
      if (v) {
        *field = *v;
        lines.fields[std::string(key)] = LineOf(*n);
      } else {
        ok = false;
      }
    }
    if (!ok) {
      // Not part of the schedule; its id (if any) is not reported as missing as well.
      if (!c.id.empty()) dropped_ids_.insert(c.id);
      return;
    }
    out_.retention.classes.push_back(std::move(c));
    class_lines_.push_back(std::move(lines));
  }

  // The schedule's own checks, each at the line of the class and field it is about.
  void ScheduleProblems() {
    for (const RetentionScheduleProblem& p : FindRetentionScheduleProblems(out_.retention)) {
      if (p.class_index == RetentionScheduleProblem::kWholeSchedule) {
        if (!dropped_ids_.contains(p.class_id)) problems_.Add(0, p.message);
        continue;
      }
      const ClassLines& lines = class_lines_[p.class_index];
      auto field = lines.fields.find(p.field);
      problems_.Add(field == lines.fields.end() ? lines.table : field->second, p.message);
    }
  }

  void Addition(const toml::table& t, const std::string& ctx) {
    CheckKeys(t, ctx, {"date", "name"}, problems_);
    BankHolidayAddition a;
    bool ok = true;
    if (const toml::node* n = Required(t, ctx, "date", "the day added")) {
      std::optional<CivilDate> d = ReadDate(*n, ctx, "date");
      ok = ok && d.has_value();
      if (d) a.date = *d;
    } else {
      ok = false;
    }
    if (const toml::node* n = Required(t, ctx, "name", "the holiday's name")) {
      std::optional<std::string> s = ReadLine(*n, ctx, "name", kMaxHolidayNameChars, problems_);
      ok = ok && s.has_value();
      if (s) a.name = std::move(*s);
    } else {
      ok = false;
    }
    if (ok) {
      out_.bank_holidays.additions.push_back(std::move(a));
      holiday_lines_.emplace_back(out_.bank_holidays.additions.back().date, LineOf(t));
    }
    holidays_ok_ = holidays_ok_ && ok;
  }

  void Move(const toml::table& t, const std::string& ctx) {
    CheckKeys(t, ctx, {"from", "to", "name"}, problems_);
    BankHolidayMove m;
    bool ok = true;
    for (auto [key, field, what] :
         {std::tuple<std::string_view, CivilDate*, std::string_view>{"from", &m.from, "the day the rules give"},
          {"to", &m.to, "the day it is taken instead"}}) {
      const toml::node* n = Required(t, ctx, key, what);
      std::optional<CivilDate> d = n ? ReadDate(*n, ctx, key) : std::nullopt;
      ok = ok && d.has_value();
      if (d) *field = *d;
    }
    if (const toml::node* n = t.get("name")) {  // optional: the holiday keeps its name without it
      std::optional<std::string> s = ReadLine(*n, ctx, "name", kMaxHolidayNameChars, problems_);
      ok = ok && s.has_value();
      if (s) m.name = std::move(*s);
    }
    if (ok) {
      holiday_lines_.emplace_back(m.from, LineOf(t));
      holiday_lines_.emplace_back(m.to, LineOf(t));
      out_.bank_holidays.moves.push_back(std::move(m));
    }
    holidays_ok_ = holidays_ok_ && ok;
  }

  // [register_retention]: how long the registers about no child keep an entry once it is closed.
  void Registers(const toml::table& doc) {
    const toml::node* n = doc.get("register_retention");
    if (!n) return;
    const toml::table* t = n->as_table();
    if (!t) {
      problems_.Add(LineOf(*n), "register_retention must be a table ([register_retention])");
      return;
    }
    const std::string ctx = "[register_retention]";
    CheckKeys(*t, ctx, {"foi_years", "breach_years"}, problems_);
    for (auto [key, field] : {std::pair<std::string_view, std::optional<int>*>{"foi_years", &out_.foi_keep_years},
                              {"breach_years", &out_.breach_keep_years}}) {
      const toml::node* v = t->get(key);
      if (!v) continue;
      std::optional<int> years = ReadInt(*v, ctx, key);
      if (!years) continue;
      if (*years < kMinRegisterYears || *years > kMaxRegisterYears) {
        problems_.Add(LineOf(*v), ctx + ": " + std::string(key) + " is " + std::to_string(*years) + ", not " +
                                      std::to_string(kMinRegisterYears) + " to " + std::to_string(kMaxRegisterYears));
        continue;
      }
      *field = *years;
    }
  }

  // [foi] and the school's closures.
  void Foi(const toml::table& doc) {
    int foi_line = 0;
    if (const toml::node* n = doc.get("foi")) {
      foi_line = LineOf(*n);
      if (const toml::table* t = n->as_table()) {
        CheckKeys(*t, "[foi]", {"maintained_school"}, problems_);
        if (const toml::node* m = t->get("maintained_school")) {
          if (std::optional<bool> b = policy::ReadBool(*m, "[foi]", "maintained_school", problems_)) out_.maintained_school = *b;
        }
      } else {
        problems_.Add(foi_line, "foi must be a table ([foi])");
      }
    }
    bool ok = true;
    int first_line = 0;
    EachTable(doc, "school_closure", problems_, [&](const toml::table& t, const std::string& ctx) {
      if (first_line == 0) first_line = LineOf(t);
      CheckKeys(t, ctx, {"first_day", "last_day", "name"}, problems_);
      SchoolClosure c;
      for (auto [key, field, what] :
           {std::tuple<std::string_view, CivilDate*, std::string_view>{"first_day", &c.first_day, "the first day closed"},
            {"last_day", &c.last_day, "the last day closed"}}) {
        const toml::node* n = Required(t, ctx, key, what);
        std::optional<CivilDate> d = n ? ReadDate(*n, ctx, key) : std::nullopt;
        ok = ok && d.has_value();
        if (d) *field = *d;
      }
      if (const toml::node* n = t.get("name")) {
        std::optional<std::string> s = ReadLine(*n, ctx, "name", kMaxHolidayNameChars, problems_);
        ok = ok && s.has_value();
        if (s) c.name = std::move(*s);
      }
      if (ok && c.last_day < c.first_day) {
        problems_.Add(LineOf(t), ctx + ": last_day " + c.last_day.ToIso() + " is before first_day " + c.first_day.ToIso());
        ok = false;
      }
      out_.school_closures.push_back(std::move(c));
    });
    if (!out_.maintained_school && !out_.school_closures.empty()) {
      problems_.Add(first_line, "school closures are only counted for a maintained school: set maintained_school = true "
                                "in [foi], or remove them");
    } else if (out_.maintained_school && out_.school_closures.empty() && ok) {
      problems_.Add(foi_line, "[foi] maintained_school = true needs the school's closures ([[school_closure]]: holidays, half "
                              "terms, INSET days), or every weekday counts as a school day");
    }
    if (!ok) out_.school_closures.clear();
  }

  // One [[course]] of the training catalogue.
  void CourseTable(const toml::table& t, const std::string& table_ctx) {
    CheckKeys(t, table_ctx, {"id", "name", "basis", "refresher_months", "roles"}, problems_);
    Course c;
    bool ok = true;
    std::string ctx = table_ctx;
    if (const toml::node* n = Required(t, ctx, "id", "the name training is recorded under, such as \"safeguarding\"")) {
      if (const toml::value<std::string>* s = n->as_string()) {
        c.id = s->get();
        ctx = "course " + Quote(c.id);
        if (!IsCourseId(c.id)) {
          problems_.Add(LineOf(*n),
                        ctx + ": the id must be 1 to 64 lower-case letters, digits and '_', starting with a letter");
          ok = false;
        } else if (!course_ids_.insert(c.id).second) {
          problems_.Add(LineOf(*n), ctx + ": the id is used by an earlier course too");
          ok = false;
        }
      } else {
        problems_.Add(LineOf(*n), ctx + ": id must be text in quotes");
        ok = false;
      }
    } else {
      ok = false;
    }
    for (auto [key, field, max, what] :
         {std::tuple<std::string_view, std::string*, size_t, std::string_view>{"name", &c.name, kMaxNameChars,
                                                                               "the course's name, in words"},
          {"basis", &c.basis, kMaxBasisChars, "why it is required and how often it is refreshed"}}) {
      const toml::node* n = Required(t, ctx, key, what);
      std::optional<std::string> s = n ? ReadLine(*n, ctx, key, max, problems_) : std::nullopt;
      if (s) {
        *field = std::move(*s);
      } else {
        ok = false;
      }
    }
    if (const toml::node* n =
            Required(t, ctx, "refresher_months", "how many months a completion lasts; 0 if it never lapses")) {
      std::optional<int> v = ReadInt(*n, ctx, "refresher_months");
      if (v && (*v < 0 || *v > kMaxRefresherMonths)) {
        problems_.Add(LineOf(*n), ctx + ": refresher_months is " + std::to_string(*v) + "; it must be 0 to " +
                                      std::to_string(kMaxRefresherMonths) + " (0: completed once, never lapses)");
        v.reset();
      }
      if (v) {
        c.refresher_months = *v;
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    if (const toml::node* n = t.get("roles")) {  // optional: without it, every role completes the course
      ok = Roles(*n, ctx, c.roles) && ok;
    }
    if (ok) out_.training.courses.push_back(std::move(c));
  }

  // A course's roles: a non-empty list of distinct role names.
  bool Roles(const toml::node& n, const std::string& ctx, std::vector<domain::StaffRole>& roles) {
    const toml::array* arr = n.as_array();
    if (!arr) {
      problems_.Add(LineOf(n),
                    ctx + ": roles must be a list of role names, e.g. roles = [\"designated_safeguarding_lead\"]");
      return false;
    }
    if (arr->empty()) {
      problems_.Add(LineOf(n), ctx + ": roles is empty; leave it out for a course every role completes, or name at "
                                     "least one (" + RoleNames() + ")");
      return false;
    }
    bool ok = true;
    for (const toml::node& el : *arr) {
      const std::string* s = el.is_string() ? &el.as_string()->get() : nullptr;
      if (!s) {
        problems_.Add(LineOf(el), ctx + ": roles must hold role names in quotes");
        ok = false;
        continue;
      }
      std::optional<domain::StaffRole> role = domain::ParseStaffRole(*s);
      if (!role) {
        problems_.Add(LineOf(el), ctx + ": unknown role " + Quote(*s) + " (roles are: " + RoleNames() + ")");
        ok = false;
      } else if (std::find(roles.begin(), roles.end(), *role) != roles.end()) {
        problems_.Add(LineOf(el), ctx + ": role " + Quote(*s) + " is listed twice");
        ok = false;
      } else {
        roles.push_back(*role);
      }
    }
    return ok;
  }

  // The optional [confidentiality_policy]: the version staff acknowledge.
  void Confidentiality(const toml::table& doc) {
    const toml::node* node = doc.get("confidentiality_policy");
    if (!node) return;
    const toml::table* t = node->as_table();
    if (!t) {
      problems_.Add(LineOf(*node), "confidentiality_policy must be a table ([confidentiality_policy])");
      return;
    }
    const std::string ctx = "[confidentiality_policy]";
    CheckKeys(*t, ctx, {"version", "title", "in_force_from", "acknowledge_within_days", "text"}, problems_);
    ConfidentialityPolicy p;
    bool ok = true;
    if (const toml::node* n = Required(*t, ctx, "version", "the version's label, such as \"2026.1\"")) {
      const toml::value<std::string>* s = n->as_string();
      if (s && IsValidPolicyVersion(s->get())) {
        p.version = s->get();
      } else {
        problems_.Add(LineOf(*n), ctx + ": version" + (s ? " " + Quote(s->get()) : std::string()) +
                                      " must be a label in quotes of 1 to 32 letters, digits, '.', '-' and '_', such "
                                      "as \"2026.1\"");
        ok = false;
      }
    } else {
      ok = false;
    }
    if (const toml::node* n = Required(*t, ctx, "title", "the policy's title")) {
      std::optional<std::string> s = ReadLine(*n, ctx, "title", kMaxPolicyTitleChars, problems_);
      if (s) {
        p.title = std::move(*s);
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    if (const toml::node* n = Required(*t, ctx, "in_force_from", "the date the version comes into force")) {
      std::optional<CivilDate> d = ReadDate(*n, ctx, "in_force_from");
      if (d) {
        p.in_force_from = *d;
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    if (const toml::node* n = t->get("acknowledge_within_days")) {  // optional: 30 without it
      std::optional<int> v = ReadInt(*n, ctx, "acknowledge_within_days");
      if (v && (*v < 0 || *v > kMaxAcknowledgeWithinDays)) {
        problems_.Add(LineOf(*n), ctx + ": acknowledge_within_days is " + std::to_string(*v) + "; it must be 0 to " +
                                      std::to_string(kMaxAcknowledgeWithinDays));
        v.reset();
      }
      if (v) {
        p.acknowledge_within_days = *v;
      } else {
        ok = false;
      }
    }
    if (const toml::node* n = Required(*t, ctx, "text", "the policy itself, between ''' and '''")) {
      const toml::value<std::string>* s = n->as_string();
      if (!s) {
        problems_.Add(LineOf(*n), ctx + ": text must be text in quotes (''' before and after for several paragraphs)");
        ok = false;
      } else if (s->get().find_first_not_of(" \t\r\n") == std::string::npos) {
        problems_.Add(LineOf(*n), ctx + ": text is empty (it is the policy staff acknowledge)");
        ok = false;
      } else if (s->get().size() > kMaxPolicyTextBytes) {
        problems_.Add(LineOf(*n), ctx + ": text is " + std::to_string(s->get().size()) + " bytes; it must be at most " +
                                      std::to_string(kMaxPolicyTextBytes));
        ok = false;
      } else {
        p.text = s->get();
      }
    } else {
      ok = false;
    }
    if (ok) out_.confidentiality_policy = std::move(p);
  }

  // What the calendar itself refuses (a move from a day that is no holiday, two holidays on one
  // day), at the line of the first entry whose date the message names.
  void CalendarProblems() {
    if (!holidays_ok_ || (out_.bank_holidays.additions.empty() && out_.bank_holidays.moves.empty())) return;
    Result<BankHolidayCalendar> calendar = BankHolidayCalendar::Create(out_.bank_holidays);
    if (calendar.ok()) return;
    const std::string& msg = calendar.status().message();
    int line = 0;
    for (const auto& [date, at] : holiday_lines_) {
      if (msg.find(date.ToIso()) != std::string::npos) {
        line = at;
        break;
      }
    }
    problems_.Add(line, "bank holidays: " + msg);
  }

  Problems problems_;
  GovernancePolicy& out_;
  std::vector<ClassLines> class_lines_;  // parallel to out_.retention.classes
  std::set<std::string, std::less<>> dropped_ids_;
  std::set<std::string, std::less<>> course_ids_;  // every valid course id written, for duplicates
  std::vector<std::pair<CivilDate, int>> holiday_lines_;  // each date written, with its entry's line
  bool holidays_ok_ = true;
};

}  // namespace

Result<GovernancePolicy> ParseGovernancePolicy(std::string_view toml_text, std::string_view source_name) {
  GovernancePolicy out;
  Parser parser(source_name, out);
  try {
    const toml::table doc = toml::parse(toml_text, source_name);
    parser.File(doc);
  } catch (const toml::parse_error& e) {
    parser.problems().Add(static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  if (!parser.problems().empty()) return parser.problems().ToStatus();
  return out;
}

const GovernancePolicy& DefaultGovernancePolicy() {
  static const GovernancePolicy policy = [] {
    Result<GovernancePolicy> parsed =
        ParseGovernancePolicy(DefaultGovernancePolicyToml(), "config/policy/governance-policy.toml");
    if (!parsed.ok()) std::abort();  // the build's own file: its tests parse it
    return std::move(parsed).value();
  }();
  return policy;
}

}  // namespace confide::governance
