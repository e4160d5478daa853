// confide person add|find|show | relationship add | allocate | caseload
#include "cli/commands.h"
#include "cli/json_input.h"
#include "codec/domain_json.h"
#include "codec/request_bodies.h"
#include "domain/civil_date.h"
#include "domain/text.h"

namespace confide::cli {
namespace {

struct PersonArgs {
  std::string kind = "child", given, family, preferred, dob, gender, address, postcode, phone, email, nhs, upn, la_id;
  std::string looked_after_by;
  bool child_in_need = false, cp_plan = false;
  std::string input;  // --input: the API's body instead of the options above
};

struct FindArgs {
  std::string family, given, dob, nhs, upn, la_id;
  std::string input;
};

struct RelationshipArgs {
  int64_t child = 0, person = 0;
  std::string kind, notes;
  bool pr = false, lives_with = false, poses_risk = false;
  std::vector<std::string> restrictions;
};

struct AllocateArgs {
  int64_t child = 0, staff = 0;
  std::string role = "allocated_social_worker", team, from, until;
};

Result<domain::PersonDetails> BuildDetails(const PersonArgs& a) {
  domain::PersonDetails d;
  d.given_names = a.given;
  d.family_name = a.family;
  d.preferred_name = a.preferred;
  if (!a.dob.empty()) {
    auto dob = domain::CivilDate::Parse(a.dob);
    if (!dob.ok()) return dob.status().WithContext("--dob");
    d.date_of_birth = *dob;
  }
  d.gender = a.gender;
  d.address = a.address;
  d.postcode = a.postcode;
  d.phone = a.phone;
  d.email = a.email;
  if (!a.nhs.empty()) {
    auto nhs = domain::NhsNumber::Parse(a.nhs);
    if (!nhs.ok()) return nhs.status().WithContext("--nhs");
    d.nhs_number = *nhs;
  }
  d.unique_pupil_number = a.upn;
  d.la_child_id = a.la_id;
  d.status.looked_after = !a.looked_after_by.empty();
  d.status.looked_after_by = a.looked_after_by;
  d.status.child_in_need = a.child_in_need;
  d.status.child_protection_plan = a.cp_plan;
  return d;
}

std::string DobText(const std::optional<domain::CivilDate>& d) { return d ? d->ToIso() : ""; }

// The new person from --input (the body of POST /api/people) or from the options.
Result<codec::NewPerson> NewPersonFrom(const PersonArgs& a, const CLI::App& cmd) {
  if (!a.input.empty()) {
    CONFIDE_RETURN_IF_ERROR(CheckInputAlone(cmd, {}));
    CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, ReadJsonInput(a.input));
    return codec::NewPersonFromJson(body);
  }
  auto kind = domain::ParsePersonKind(a.kind);
  if (!kind) return Status::InvalidArgument("--kind must be child or adult");
  CONFIDE_ASSIGN_OR_RETURN(domain::PersonDetails details, BuildDetails(a));
  return codec::NewPerson{*kind, std::move(details)};
}

int RunPersonAdd(const CliContext& ctx, const PersonArgs& a, const CLI::App& cmd) {
  auto person = NewPersonFrom(a, cmd);
  if (!person.ok()) return ctx.Fail(person.status());
  CONFIDE_CLI_OPEN(ctx, vault);
  auto id = vault.AddPerson(ctx.actor, person->kind, person->details);
  if (!id.ok()) return ctx.Fail(id.status());
  return ctx.Ok({{"id", *id}}, [&](std::ostream& o) { o << "Added person " << *id << "\n"; });
}

// Overlays the options that were given onto `d` (an amendment keeps whatever is not given).
Status OverlayDetails(const PersonArgs& a, const CLI::App& cmd, domain::PersonDetails& d) {
  auto given = [&](const char* opt) { return cmd.count(opt) > 0; };
  PersonArgs copy = a;
  if (!given("--given")) copy.given = d.given_names;
  if (!given("--family")) copy.family = d.family_name;
  if (!given("--preferred")) copy.preferred = d.preferred_name;
  if (!given("--dob")) copy.dob = d.date_of_birth ? d.date_of_birth->ToIso() : "";
  if (!given("--gender")) copy.gender = d.gender;
  if (!given("--address")) copy.address = d.address;
  if (!given("--postcode")) copy.postcode = d.postcode;
  if (!given("--phone")) copy.phone = d.phone;
  if (!given("--email")) copy.email = d.email;
  if (!given("--nhs")) copy.nhs = d.nhs_number ? d.nhs_number->digits() : "";
  if (!given("--upn")) copy.upn = d.unique_pupil_number;
  if (!given("--la-id")) copy.la_id = d.la_child_id;
  if (!given("--looked-after-by")) copy.looked_after_by = d.status.looked_after_by;
  if (!given("--child-in-need")) copy.child_in_need = d.status.child_in_need;
  if (!given("--cp-plan")) copy.cp_plan = d.status.child_protection_plan;
  CONFIDE_ASSIGN_OR_RETURN(d, BuildDetails(copy));
  return Status::Ok();
}

int RunPersonAmend(const CliContext& ctx, const PersonArgs& a, const CLI::App& cmd, int64_t id, const std::string& reason,
                   int expected_version) {
  if (Status s = ctx.RequireActor(); !s.ok()) return ctx.Fail(s);
  // With --input (the body of PUT /api/people/{id}) the file's details replace the current ones.
  std::optional<codec::PersonAmendment> from_file;
  if (!a.input.empty()) {
    if (Status s = CheckInputAlone(cmd, {"id"}); !s.ok()) return ctx.Fail(s);
    auto body = ReadJsonInput(a.input);
    if (!body.ok()) return ctx.Fail(body.status());
    auto parsed = codec::PersonAmendmentFromJson(*body);
    if (!parsed.ok()) return ctx.Fail(parsed.status());
    from_file = std::move(parsed).value();
  } else {
    if (domain::IsBlank(reason)) {
      return ctx.Fail(Status::InvalidArgument("an amendment needs a reason (--reason)"));
    }
    // Validate what was given before the (audited) read of the current details.
    if (Status s = BuildDetails(a).status(); !s.ok()) return ctx.Fail(s);
  }
  auto vault = ctx.OpenVault();
  if (!vault.ok()) return ctx.Fail(vault.status());
  // The options are laid over the current details inside the amending transaction.
  auto version = from_file
      ? (*vault)->AmendPerson(ctx.actor, id, [&](domain::PersonDetails& d) { d = from_file->details; return Status::Ok(); },
                              from_file->reason, from_file->expected_version)
      : (*vault)->AmendPerson(ctx.actor, id, [&](domain::PersonDetails& d) { return OverlayDetails(a, cmd, d); }, reason,
                              expected_version);
  if (!version.ok()) return ctx.Fail(version.status());
  return ctx.Ok({{"id", id}, {"version", *version}},
                [&](std::ostream& o) { o << "Amended person " << id << ": now version " << *version << "\n"; });
}

// The query from --input (the body of POST /api/people/search) or from the options.
Result<service::PersonQuery> QueryFrom(const FindArgs& a, const CLI::App& cmd) {
  if (!a.input.empty()) {
    CONFIDE_RETURN_IF_ERROR(CheckInputAlone(cmd, {}));
    CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, ReadJsonInput(a.input));
    return codec::PersonQueryFromJson(body);
  }
  service::PersonQuery q;
  q.family_name = a.family;
  q.given_name = a.given;
  if (!a.dob.empty()) {
    auto dob = domain::CivilDate::Parse(a.dob);
    if (!dob.ok()) return dob.status().WithContext("--dob");
    q.date_of_birth = *dob;
  }
  if (!a.nhs.empty()) {
    auto nhs = domain::NhsNumber::Parse(a.nhs);
    if (!nhs.ok()) return nhs.status().WithContext("--nhs");
    q.nhs_number = *nhs;
  }
  q.unique_pupil_number = a.upn;
  q.la_child_id = a.la_id;
  return q;
}

int RunPersonFind(const CliContext& ctx, const FindArgs& a, const CLI::App& cmd) {
  auto q = QueryFrom(a, cmd);
  if (!q.ok()) return ctx.Fail(q.status());
  CONFIDE_CLI_OPEN(ctx, vault);
  auto matches = vault.FindPeople(ctx.actor, *q);
  if (!matches.ok()) return ctx.Fail(matches.status());
  nlohmann::json j = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;
  for (const auto& m : *matches) {
    const std::string nhs = m.nhs_number ? m.nhs_number->Formatted() : "";
    j.push_back({{"id", m.id}, {"kind", domain::ToString(m.kind)}, {"name", m.display_name},
                 {"date_of_birth", DobText(m.date_of_birth)}, {"nhs_number", nhs}});
    rows.push_back({std::to_string(m.id), m.display_name, DobText(m.date_of_birth), nhs, std::string(domain::ToString(m.kind))});
  }
  return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"ID", "NAME", "BORN", "NHS NUMBER", "KIND"}, rows); });
}

int RunPersonShow(const CliContext& ctx, int64_t id) {
  if (Status s = ctx.RequireActor(); !s.ok()) return ctx.Fail(s);
  auto vault = ctx.OpenVault();
  if (!vault.ok()) return ctx.Fail(vault.status());
  auto person = (*vault)->GetPerson(ctx.actor, id);
  if (!person.ok()) return ctx.Fail(person.status());
  std::vector<domain::Relationship> relationships;
  std::vector<domain::Allocation> allocations;
  if (person->kind == domain::PersonKind::kChild) {
    auto rel = (*vault)->ListRelationships(ctx.actor, id);
    if (!rel.ok()) return ctx.Fail(rel.status());
    relationships = std::move(rel).value();
    auto alloc = (*vault)->ListAllocations(ctx.actor, id);
    if (!alloc.ok()) return ctx.Fail(alloc.status());
    allocations = std::move(alloc).value();
  }
  nlohmann::json j = codec::PersonToJson(*person);
  j["relationships"] = nlohmann::json::array();
  for (const auto& r : relationships) j["relationships"].push_back(codec::RelationshipToJson(r));
  j["allocations"] = nlohmann::json::array();
  for (const auto& a : allocations) {
    j["allocations"].push_back({{"id", a.id}, {"staff_id", a.staff_id}, {"role", domain::ToString(a.role)}, {"team", a.team},
                                {"starts_at", FormatTime(a.starts_at)}, {"ends_at", a.ends_at ? FormatTime(*a.ends_at) : ""}});
  }
  return ctx.Ok(j, [&](std::ostream& o) {
    const auto& d = person->details;
    o << domain::DisplayName(d) << "  (person " << person->id << ", " << domain::ToString(person->kind) << ", version "
      << person->version << ")\n";
    if (d.date_of_birth) {
      o << "  Born:        " << d.date_of_birth->FormatUk() << " (age "
        << domain::AgeInYearsOn(*d.date_of_birth, domain::CivilDate::FromUnixMicros(SystemClock::Default().NowMicros())) << ")\n";
    }
    if (d.nhs_number) o << "  NHS number:  " << d.nhs_number->Formatted() << "\n";
    if (!d.unique_pupil_number.empty()) o << "  UPN:         " << d.unique_pupil_number << "\n";
    if (!d.la_child_id.empty()) o << "  LA child id: " << d.la_child_id << "\n";
    if (!d.gender.empty()) o << "  Gender:      " << d.gender << "\n";
    if (!d.address.empty()) o << "  Address:     " << d.address << (d.postcode.empty() ? "" : ", " + d.postcode) << "\n";
    if (!d.phone.empty()) o << "  Phone:       " << d.phone << "\n";
    if (!d.email.empty()) o << "  Email:       " << d.email << "\n";
    if (d.status.looked_after) o << "  Looked after by " << d.status.looked_after_by << "\n";
    if (d.status.child_in_need) o << "  Child in need\n";
    if (d.status.child_protection_plan) o << "  Subject of a child protection plan\n";
    if (person->kind == domain::PersonKind::kChild) {
      o << "\nRelationships\n";
      std::vector<std::vector<std::string>> rows;
      for (const auto& r : relationships) {
        std::string restrictions;
        for (auto x : r.details.restrictions) restrictions += (restrictions.empty() ? "" : ", ") + std::string(domain::ToString(x));
        rows.push_back({std::to_string(r.person_id), std::string(domain::ToString(r.details.kind)),
                        r.details.parental_responsibility ? "yes" : "no", r.details.lives_with ? "yes" : "no",
                        r.details.poses_risk ? "yes" : "no", restrictions});
      }
      PrintTable(o, {"PERSON", "RELATIONSHIP", "PR", "LIVES WITH", "POSES A RISK", "RESTRICTIONS"}, rows);
      o << "\nAllocations\n";
      rows.clear();
      for (const auto& a : allocations) {
        rows.push_back({std::to_string(a.staff_id), std::string(domain::ToString(a.role)), a.team, FormatTime(a.starts_at),
                        a.ends_at ? FormatTime(*a.ends_at) : ""});
      }
      PrintTable(o, {"STAFF", "ROLE", "TEAM", "FROM", "UNTIL"}, rows);
    }
  });
}

}  // namespace


Result<UnixMicros> ParseTimeArg(const std::string& text, const char* what) {
  auto t = domain::ParseTimestampMicros(text);
  if (!t.ok()) return t.status().WithContext(what);
  return *t;
}

namespace {
void AddDetailOptions(CLI::App* cmd, PersonArgs& a) {
  cmd->add_option("--preferred", a.preferred, "Preferred name");
  cmd->add_option("--dob", a.dob, "Date of birth, YYYY-MM-DD (required for a child)");
  cmd->add_option("--gender", a.gender, "Gender, as the person describes it");
  cmd->add_option("--address", a.address, "Address");
  cmd->add_option("--postcode", a.postcode, "Postcode");
  cmd->add_option("--phone", a.phone, "Phone");
  cmd->add_option("--email", a.email, "Email");
  cmd->add_option("--nhs", a.nhs, "NHS number (10 digits, check digit validated)");
  cmd->add_option("--upn", a.upn, "Unique pupil number");
  cmd->add_option("--la-id", a.la_id, "Local authority child id");
  cmd->add_option("--looked-after-by", a.looked_after_by, "The local authority looking after the child");
  cmd->add_flag("--child-in-need", a.child_in_need, "The child is a child in need");
  cmd->add_flag("--cp-plan", a.cp_plan, "The child is the subject of a child protection plan");
}
}  // namespace

void AddPeopleCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* person = app.add_subcommand("person", "People: children and the adults around them")->require_subcommand(1);

  auto pa = std::make_shared<PersonArgs>();
  CLI::App* add = person->add_subcommand("add", "Add a child or an adult");
  add->add_option("--kind", pa->kind, "child or adult")->check(CLI::IsMember({"child", "adult"}));
  add->add_option("--given", pa->given, "Given name(s) (required without --input)");
  add->add_option("--family", pa->family, "Family name (required without --input)");
  AddDetailOptions(add, *pa);
  AddJsonInputOption(add, pa->input, "POST /api/people");
  add->callback([&ctx, &run, pa, add] {
    RequireUnlessInput(*add, pa->input, {"--given", "--family"});
    run = [&ctx, pa, add] { return RunPersonAdd(ctx, *pa, *add); };
  });

  auto am = std::make_shared<PersonArgs>();
  auto amend_id = std::make_shared<int64_t>(0);
  auto amend_reason = std::make_shared<std::string>();
  auto amend_expected = std::make_shared<int>(0);
  CLI::App* amend = person->add_subcommand("amend", "Change a person's details: a new signed version that keeps the old");
  amend->add_option("id", *amend_id, "Person id")->required();
  amend->add_option("--reason", *amend_reason, "Why the details are changing (required without --input)");
  amend->add_option("--expected-version", *amend_expected, "Fail if the person is no longer at this version");
  amend->add_option("--given", am->given, "Given name(s)");
  amend->add_option("--family", am->family, "Family name");
  AddDetailOptions(amend, *am);
  AddJsonInputOption(amend, am->input, "PUT /api/people/{id} (the details replace the current ones)");
  amend->callback([&ctx, &run, am, amend, amend_id, amend_reason, amend_expected] {
    RequireUnlessInput(*amend, am->input, {"--reason"});
    run = [&ctx, am, amend, amend_id, amend_reason, amend_expected] {
      return RunPersonAmend(ctx, *am, *amend, *amend_id, *amend_reason, *amend_expected);
    };
  });


  auto fa = std::make_shared<FindArgs>();
  CLI::App* find = person->add_subcommand("find", "Find people by family name + date of birth, or by an identifier");
  find->add_option("--family", fa->family, "Family name");
  find->add_option("--given", fa->given, "Given name (optional)");
  find->add_option("--dob", fa->dob, "Date of birth, YYYY-MM-DD");
  find->add_option("--nhs", fa->nhs, "NHS number");
  find->add_option("--upn", fa->upn, "Unique pupil number");
  find->add_option("--la-id", fa->la_id, "Local authority child id");
  AddJsonInputOption(find, fa->input, "POST /api/people/search");
  find->callback([&ctx, &run, fa, find] { run = [&ctx, fa, find] { return RunPersonFind(ctx, *fa, *find); }; });

  auto show_id = std::make_shared<int64_t>(0);
  CLI::App* show = person->add_subcommand("show", "Show a person, their relationships and allocations");
  show->add_option("id", *show_id, "Person id")->required();
  show->callback([&ctx, &run, show_id] { run = [&ctx, show_id] { return RunPersonShow(ctx, *show_id); }; });

  CLI::App* rel = app.add_subcommand("relationship", "Relationships between a child and others")->require_subcommand(1);
  auto ra = std::make_shared<RelationshipArgs>();
  CLI::App* rel_add = rel->add_subcommand("add", "Record how a person is related to a child");
  rel_add->add_option("--child", ra->child, "The child's person id")->required();
  rel_add->add_option("--person", ra->person, "The related person's id")->required();
  rel_add->add_option("--kind", ra->kind, "mother, father, step_parent, carer, foster_carer, sibling, other")->required();
  rel_add->add_flag("--parental-responsibility", ra->pr, "The person holds parental responsibility");
  rel_add->add_flag("--lives-with", ra->lives_with, "The child lives with this person");
  rel_add->add_flag("--poses-risk", ra->poses_risk, "The person may pose a risk of harm to the child (persons_posing_risk may name them)");
  rel_add->add_option("--restriction", ra->restrictions,
                      "must_not_know_address, must_not_know_school, no_contact, supervised_contact_only, no_information_sharing");
  rel_add->add_option("--notes", ra->notes, "Notes, e.g. the court order reference");
  rel_add->callback([&ctx, &run, ra] {
    run = [&ctx, ra]() -> int {
      if (Status s = ctx.RequireActor(); !s.ok()) return ctx.Fail(s);
      domain::RelationshipDetails d;
      auto kind = domain::ParseRelationshipKind(ra->kind);
      if (!kind) return ctx.Fail(Status::InvalidArgument("unknown relationship kind; see --help"));
      d.kind = *kind;
      d.parental_responsibility = ra->pr;
      d.lives_with = ra->lives_with;
      d.poses_risk = ra->poses_risk;
      for (const auto& r : ra->restrictions) {
        auto parsed = domain::ParseRestriction(r);
        if (!parsed) return ctx.Fail(Status::InvalidArgument("unknown --restriction; see --help for the restrictions"));
        d.restrictions.push_back(*parsed);
      }
      d.notes = ra->notes;
      auto vault = ctx.OpenVault();
      if (!vault.ok()) return ctx.Fail(vault.status());
      auto id = (*vault)->AddRelationship(ctx.actor, ra->child, ra->person, d);
      if (!id.ok()) return ctx.Fail(id.status());
      return ctx.Ok({{"id", *id}}, [&](std::ostream& o) { o << "Added relationship " << *id << "\n"; });
    };
  });

  auto aa = std::make_shared<AllocateArgs>();
  CLI::App* allocate = app.add_subcommand("allocate", "Allocate a staff member to a child");
  allocate->add_option("--child", aa->child, "The child's person id")->required();
  allocate->add_option("--staff", aa->staff, "The staff member's id")->required();
  allocate->add_option("--role", aa->role, "allocated_social_worker, key_person, team, supervising_social_worker, other");
  allocate->add_option("--team", aa->team, "Team");
  allocate->add_option("--from", aa->from, "Start (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]); default now");
  allocate->add_option("--until", aa->until, "End (exclusive); default open-ended");
  allocate->callback([&ctx, &run, aa] {
    run = [&ctx, aa]() -> int {
      if (Status s = ctx.RequireActor(); !s.ok()) return ctx.Fail(s);
      domain::Allocation a;
      a.child_id = aa->child;
      a.staff_id = aa->staff;
      auto role = domain::ParseAllocationRole(aa->role);
      if (!role) return ctx.Fail(Status::InvalidArgument("unknown allocation role; see --help"));
      a.role = *role;
      a.team = aa->team;
      if (!aa->from.empty()) {
        auto t = ParseTimeArg(aa->from, "--from");
        if (!t.ok()) return ctx.Fail(t.status());
        a.starts_at = *t;
      }
      if (!aa->until.empty()) {
        auto t = ParseTimeArg(aa->until, "--until");
        if (!t.ok()) return ctx.Fail(t.status());
        a.ends_at = *t;
      }
      auto vault = ctx.OpenVault();
      if (!vault.ok()) return ctx.Fail(vault.status());
      auto id = (*vault)->Allocate(ctx.actor, a);
      if (!id.ok()) return ctx.Fail(id.status());
      return ctx.Ok({{"id", *id}}, [&](std::ostream& o) { o << "Added allocation " << *id << "\n"; });
    };
  });

  CLI::App* caseload = app.add_subcommand("caseload", "The children allocated to the acting staff member (--as)");
  caseload->callback([&ctx, &run] {
    run = [&ctx]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto items = vault.Caseload(ctx.actor);
      if (!items.ok()) return ctx.Fail(items.status());
      nlohmann::json j = nlohmann::json::array();
      std::vector<std::vector<std::string>> rows;
      for (const auto& i : *items) {
        nlohmann::json item = codec::CaseloadItemToJson(i);
        rows.push_back({std::to_string(i.person_id), i.display_name, item.at("date_of_birth").get<std::string>(),
                        std::string(domain::ToString(i.role)), item.at("since").get<std::string>()});
        j.push_back(std::move(item));
      }
      return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"PERSON", "NAME", "BORN", "ROLE", "SINCE"}, rows); });
    };
  });
}

}  // namespace confide::cli
