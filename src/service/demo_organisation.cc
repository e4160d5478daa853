// The demo organisation loader. Works in two steps: plan a batch of families as plain values (pure,
// driven only by the seed and "now"), then write the plan through a BatchWriter. Planning first
// keeps the random stream independent of anything the vault returns (ids, timing), which is what
// makes a load reproducible.
#include "service/demo_organisation.h"
#include "service/demo_sharing.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <random>
#include <span>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "domain/civil_date.h"
#include "domain/nhs_number.h"

namespace confide::service {
namespace {

using domain::AllocationRole;
using domain::CivilDate;
using domain::PersonDetails;
using domain::PersonKind;
using domain::RecordContent;
using domain::RecordKind;
using domain::RecordSource;
using domain::RelationshipDetails;
using domain::RelationshipKind;
using domain::Restriction;
using domain::SafeguardingConcern;
using domain::SensitivityTier;
using domain::SourceKind;
using domain::StaffRole;
using domain::Statement;
using domain::StatementBasis;

constexpr UnixMicros kMicrosPerMinute = 60LL * 1000 * 1000;
constexpr UnixMicros kMicrosPerDay = 24LL * 60 * kMicrosPerMinute;
constexpr int64_t kHistoryDays = 730;  // records go back two years
constexpr size_t kTargetChildren = 200;
constexpr size_t kFamiliesPerBatch = 20;
// One record in this many (attachments aside) gets a second version.
constexpr size_t kAmendEvery = 13;

// ---- randomness ----------------------------------------------------------------------------------

// A seeded source of choices. Not std::uniform_int_distribution: its algorithm differs between
// standard libraries, and a seed must give the same demo everywhere. (The modulo bias is a few parts
// in 2^64 and does not matter for demo data.)
class Dice {
 public:
  explicit Dice(uint64_t seed) : engine_(seed) {}

  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) {
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(engine_() % span);
  }
  bool Percent(int p) { return Between(0, 99) < p; }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[static_cast<size_t>(Between(0, static_cast<int64_t>(N) - 1))];
  }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i)
      std::swap(v[i - 1], v[static_cast<size_t>(Between(0, static_cast<int64_t>(i) - 1))]);
  }
  uint64_t Next() { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

// ---- word lists ----------------------------------------------------------------------------------

constexpr std::string_view kGirlNames[] = {
    "Amelia", "Olivia", "Isla",   "Ava",     "Mia",     "Ivy",    "Lily",   "Freya",   "Florence", "Grace",
    "Poppy",  "Evie",   "Ella",   "Sophia",  "Willow",  "Aisha",  "Zara",   "Maryam",  "Hafsa",    "Amara",
    "Chloe",  "Ruby",   "Sienna", "Daisy",   "Phoebe",  "Nia",    "Carys",  "Eilidh",  "Niamh",    "Aoife",
    "Zofia",  "Maja",   "Chisom", "Leah",    "Jessica", "Summer", "Harper", "Esmé",    "Layla",    "Fatima",
    "Keira",  "Tia",    "Holly",  "Bethany", "Kayla",   "Imani",  "Anaya",  "Roksana", "Elif",     "Darcy"};
constexpr std::string_view kBoyNames[] = {
    "Oliver", "Noah",  "George",  "Arthur", "Muhammad", "Leo",     "Harry",  "Oscar",   "Archie", "Henry",
    "Theo",   "Jack",  "Charlie", "Jacob",  "Alfie",    "Freddie", "Reuben", "Kai",     "Tyler",  "Mason",
    "Riley",  "Logan", "Ethan",   "Dylan",  "Callum",   "Rhys",    "Owen",   "Cian",    "Kacper", "Jakub",
    "Kwame",  "Tobi",  "Ibrahim", "Yusuf",  "Ayaan",    "Rohan",   "Arjun",  "Jayden",  "Connor", "Lewis",
    "Jamie",  "Liam",  "Finley",  "Elijah", "Joshua",   "Kyle",    "Zain",   "Mateusz", "Tomás",  "Alexander"};
constexpr std::string_view kWomenNames[] = {
    "Kelly",  "Gemma",     "Sarah",     "Laura",  "Emma",      "Rachel",  "Hayley",  "Stacey",   "Donna",   "Joanne",
    "Claire", "Nicola",    "Lisa",      "Amy",    "Charlotte", "Jade",    "Natalie", "Samantha", "Nasreen", "Shabana",
    "Farida", "Agnieszka", "Katarzyna", "Joanna", "Folake",    "Ngozi",   "Chipo",   "Sinéad",   "Siobhan", "Rhiannon",
    "Kirsty", "Leanne",    "Zainab",    "Ruth",   "Danielle",  "Shannon", "Toni",    "Marcia",   "Yasmin",  "Bronwen"};
constexpr std::string_view kMenNames[] = {
    "Daniel",   "Lee",   "Craig",  "Darren", "Wayne",  "Jason",  "Mark",    "Paul",  "Stuart", "Ryan",
    "Dean",     "Scott", "Gareth", "Steven", "Imran",  "Tariq",  "Asif",    "Piotr", "Marek",  "Tomasz",
    "Chidi",    "Emeka", "Kofi",   "Seán",   "Declan", "Kieran", "Michael", "David", "Andrew", "Nathan",
    "Jermaine", "Ricky", "Shane",  "Adam",   "Bilal",  "Kamil",  "Osman",   "Carl",  "Gavin",  "Rory"};
constexpr std::string_view kGrandmotherNames[] = {"Carol",   "Janet",  "Margaret", "Patricia", "Susan",   "Linda",
                                                  "Pauline", "Brenda", "Shirley",  "Beverley", "Parveen", "Halina"};
constexpr std::string_view kGrandfatherNames[] = {"Keith", "Brian",   "Trevor", "Graham", "Roy",
                                                  "Derek", "Malcolm", "Colin",  "Rashid", "Zbigniew"};
constexpr std::string_view kGirlMiddleNames[] = {"Rose", "Mae", "Grace", "Louise", "Jane", "Marie", "Ann", "Hope"};
constexpr std::string_view kBoyMiddleNames[] = {"James", "John", "Thomas", "Lee", "Michael", "Ray", "David", "Ali"};
constexpr std::string_view kFamilyNames[] = {
    "Smith",    "Jones",    "Taylor",   "Brown",     "Williams",  "Wilson",      "Johnson",   "Davies",    "Robinson",
    "Wright",   "Thompson", "Evans",    "Walker",    "White",     "Roberts",     "Green",     "Hall",      "Wood",
    "Jackson",  "Clarke",   "Patel",    "Khan",      "Hussain",   "Ahmed",       "Shah",      "Okafor",    "Adeyemi",
    "Mensah",   "Osei",     "Nowak",    "Kowalski",  "Wójcik",    "Lewandowski", "O'Connor",  "O'Brien",   "Murphy",
    "Kelly",    "McDonald", "MacLeod",  "Campbell",  "Hughes",    "Price",       "Pritchard", "Morgan",    "Lloyd",
    "Fletcher", "Holloway", "Ashworth", "Pemberton", "Whitfield", "Sutcliffe",   "Brennan",   "Gallagher", "Dunn",
    "Fraser",   "Mahmood",  "Iqbal",    "Nwosu",     "Mwangi",    "Balogun",     "Gordon",    "Francis",   "Thomas",
    "Yilmaz",   "Bianchi",  "Haddad",   "Kaur",      "Begum",     "Rahman",      "Doherty",   "Kennedy",   "Barker"};
// Short forms a child may prefer to be called by.
constexpr std::pair<std::string_view, std::string_view> kPreferredForms[] = {
    {"Alexander", "Alex"}, {"Olivia", "Liv"},  {"Freddie", "Fred"},  {"Florence", "Flo"}, {"Elijah", "Eli"},
    {"Jessica", "Jess"},   {"Joshua", "Josh"}, {"Muhammad", "Mo"},   {"Bethany", "Beth"}, {"Callum", "Cal"},
    {"Sophia", "Sophie"},  {"Jacob", "Jake"},  {"Amelia", "Millie"}, {"Theo", "Teddy"},   {"Finley", "Finn"}};
constexpr std::string_view kStreets[] = {
    "Larkspur Road", "Chestnut Avenue", "Mill Lane",          "Station Road",   "Victoria Street", "Church Walk",
    "Orchard Close", "Meadow View",     "Hawthorn Drive",     "Kingfisher Way", "Brook Street",    "Elm Grove",
    "Foundry Lane",  "Canal Side",      "Wellington Terrace", "Primrose Court", "Beech Crescent",  "Tannery Row",
    "Ropewalk",      "Queensway",       "Coronation Road",    "Saxon Way",      "Willowbank",      "Bramble Close"};
constexpr std::string_view kBlocks[] = {"Orwell House", "Brunel House",    "Seacole House",
                                        "Attlee Court", "Pankhurst House", "Telford Court"};
// Made-up towns, each with its own districts in the non-existent postcode area "XX".
constexpr std::string_view kTowns[] = {"Kestrelbury", "Marrowgate",   "Thistlecombe", "Hollowmere",
                                       "Larkhaven",   "Copperbridge", "Fernhollow",   "Brackenwick"};
constexpr std::string_view kPostcodeLetters = "ABDEFGHJLNPQRSTUWXYZ";  // as real inward codes: no C I K M O V
constexpr std::string_view kHomeAuthority = "Kestrelbury Borough Council";
constexpr std::string_view kOtherAuthorities[] = {"Marrowgate City Council", "Thistlecombe County Council",
                                                  "Larkhaven Metropolitan Borough Council"};
constexpr std::string_view kNeighbourNames[] = {"Sandra Whitlock", "Dennis Upward", "Maureen Felton", "Gordon Piggott",
                                                "Elaine Tranter"};

// ---- teams and staff -----------------------------------------------------------------------------

constexpr std::string_view kAssessmentTeam = "Assessment and Intervention Team";
constexpr std::string_view kChildrenInCareTeam = "Children in Care Team";
constexpr std::string_view kFosteringTeam = "Fostering Team";
constexpr std::string_view kEarlyHelpTeam = "Early Help Team";
constexpr std::string_view kNursery = "Little Acorns Nursery";
constexpr std::string_view kRainbowRoom = "Little Acorns Nursery: Rainbow Room";
constexpr std::string_view kSunflowerRoom = "Little Acorns Nursery: Sunflower Room";

// Staff positions; the order matches kStaffSpecs.
enum Slot : size_t {
  kTeamManager,
  kSocialWorkerA1,
  kSocialWorkerA2,
  kSocialWorkerA3,
  kSocialWorkerCare1,
  kSocialWorkerCare2,
  kSupervisingSocialWorker,
  kFamilySupportWorker,
  kNurseryManager,
  kSafeguardingLead,
  kDeputySafeguardingLead,
  kKeyPersonRainbow1,
  kKeyPersonRainbow2,
  kKeyPersonSunflower1,
  kKeyPersonSunflower2,
  kPractitionerRainbow,
  kPractitionerSunflower,
  kStudent,
  kDataProtectionOfficer,
  kBusinessSupport,
  kInternalAuditor,
  kSlotCount,
};

struct StaffSpec {
  StaffRole role;
  std::string_view team;
};
constexpr StaffSpec kStaffSpecs[kSlotCount] = {
    {StaffRole::kManager, kAssessmentTeam},
    {StaffRole::kSocialWorker, kAssessmentTeam},
    {StaffRole::kSocialWorker, kAssessmentTeam},
    {StaffRole::kSocialWorker, kAssessmentTeam},
    {StaffRole::kSocialWorker, kChildrenInCareTeam},
    {StaffRole::kSocialWorker, kChildrenInCareTeam},
    {StaffRole::kSocialWorker, kFosteringTeam},
    {StaffRole::kPractitioner, kEarlyHelpTeam},
    {StaffRole::kManager, kNursery},
    {StaffRole::kDesignatedSafeguardingLead, kNursery},
    {StaffRole::kDeputySafeguardingLead, kNursery},
    {StaffRole::kKeyPerson, kRainbowRoom},
    {StaffRole::kKeyPerson, kRainbowRoom},
    {StaffRole::kKeyPerson, kSunflowerRoom},
    {StaffRole::kKeyPerson, kSunflowerRoom},
    {StaffRole::kPractitioner, kRainbowRoom},
    {StaffRole::kPractitioner, kSunflowerRoom},
    {StaffRole::kVolunteer, kSunflowerRoom},
    {StaffRole::kDataProtectionOfficer, "Information Governance"},
    {StaffRole::kAdministrator, "Business Support"},
    {StaffRole::kAuditor, "Internal Audit"},
};

// How a staff member is described in someone else's record: by role, not by name.
std::string_view Observer(size_t slot) {
  switch (kStaffSpecs[slot].role) {
    case StaffRole::kKeyPerson:
      return "key person";
    case StaffRole::kPractitioner:
      return slot == kFamilySupportWorker ? "family support worker" : "nursery practitioner";
    case StaffRole::kSocialWorker:
      return "social worker";
    case StaffRole::kDesignatedSafeguardingLead:
      return "designated safeguarding lead";
    case StaffRole::kDeputySafeguardingLead:
      return "deputy safeguarding lead";
    default:
      return "member of staff";
  }
}

bool AtNurserySlot(size_t slot) { return kStaffSpecs[slot].team.starts_with(kNursery); }

// ---- plan types ----------------------------------------------------------------------------------

struct PlannedStaff {
  StaffRole role;
  std::string team;
  domain::StaffDetails details;
};

struct PlannedPerson {
  PersonKind kind = PersonKind::kAdult;
  PersonDetails details;
};

struct PlannedRelationship {
  size_t child = 0;  // indices into PlannedFamily::people
  size_t person = 0;
  RelationshipDetails details;
};

struct PlannedAllocation {
  size_t child = 0;
  size_t staff = 0;       // Slot
  size_t created_by = 0;  // Slot of the manager who made the allocation
  AllocationRole role = AllocationRole::kAllocatedSocialWorker;
  UnixMicros starts_at = 0;
  std::optional<UnixMicros> ends_at;
};

struct PlannedAmendment {
  size_t author = 0;  // Slot
  std::optional<SensitivityTier> tier;
  std::optional<UnixMicros> occurred_at;
  RecordContent content;
  std::string reason;
};

struct PlannedRecord {
  size_t child = 0;
  size_t author = 0;  // Slot
  RecordKind kind = RecordKind::kCaseNote;
  SensitivityTier tier = SensitivityTier::kGeneral;
  UnixMicros occurred_at = 0;
  RecordContent content;
  std::vector<PlannedAmendment> amendments;
};

struct PlannedFamily {
  std::vector<PlannedPerson> people;
  std::vector<PlannedRelationship> relationships;
  std::vector<PlannedAllocation> allocations;
  std::vector<PlannedRecord> records;
};

enum class CaseType { kNursery, kChildInNeed, kChildProtection, kDomesticAbuse, kLookedAfter, kKinship };

// The mix of cases in every block of 20 families, so the totals vary little between seeds.
constexpr CaseType kBlock[] = {
    CaseType::kNursery,         CaseType::kNursery,       CaseType::kNursery,       CaseType::kNursery,
    CaseType::kNursery,         CaseType::kNursery,       CaseType::kNursery,       CaseType::kChildInNeed,
    CaseType::kChildInNeed,     CaseType::kChildInNeed,   CaseType::kChildInNeed,   CaseType::kChildProtection,
    CaseType::kChildProtection, CaseType::kDomesticAbuse, CaseType::kDomesticAbuse, CaseType::kLookedAfter,
    CaseType::kLookedAfter,     CaseType::kLookedAfter,   CaseType::kKinship,       CaseType::kKinship,
};

// What a record's text may say about the child and the people around them: {key} in a template.
struct Facts {
  std::string name;    // what staff call the child
  std::string poss;    // her / his / their
  std::string obj;     // her / him / them
  std::string mother;  // first names, or a description when there is no such person
  std::string father;
  std::string carer;
  std::string setting;   // nursery or school
  std::string room;      // where in the setting
  std::string observer;  // the author's role, "key person"
  std::string lead;      // whom the author reports a concern to
  std::string agency;    // who referred
  std::string la;        // the authority looking after the child
  std::string time;      // "09:40", from the record's time
  std::string time2;     // a little later
  std::string category;  // child protection plan category

  std::string_view Lookup(std::string_view key) const {
    if (key == "name") return name;
    if (key == "poss") return poss;
    if (key == "obj") return obj;
    if (key == "mother") return mother;
    if (key == "father") return father;
    if (key == "carer") return carer;
    if (key == "setting") return setting;
    if (key == "room") return room;
    if (key == "observer") return observer;
    if (key == "lead") return lead;
    if (key == "agency") return agency;
    if (key == "la") return la;
    if (key == "time") return time;
    if (key == "time2") return time2;
    if (key == "category") return category;
    return {};  // an unknown key is a typo in a template; the test for braces catches it
  }
};

// Replaces each {key} in `tmpl` with its value in `f`. A key with no value stays as "{key}", so a
// template mistake shows up in the text (and fails the test that looks for braces).
std::string Fill(std::string_view tmpl, const Facts& f) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  size_t i = 0;
  while (i < tmpl.size()) {
    const size_t open = tmpl.find('{', i);
    if (open == std::string_view::npos) break;
    const size_t close = tmpl.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(tmpl.substr(i, open - i));
    const std::string_view value = f.Lookup(tmpl.substr(open + 1, close - open - 1));
    if (value.empty()) {
      out.append(tmpl.substr(open, close - open + 1));
    } else {
      out.append(value);
    }
    i = close + 1;
  }
  out.append(tmpl.substr(i));
  return out;
}

Statement Fact(std::string_view tmpl, const Facts& f) { return {Fill(tmpl, f), StatementBasis::kFact}; }
Statement Opinion(std::string_view tmpl, const Facts& f) {
  return {Fill(tmpl, f), StatementBasis::kProfessionalOpinion};
}

std::string FirstWord(std::string_view s) { return std::string(s.substr(0, s.find(' '))); }

std::string HourMinute(UnixMicros t) {
  const int64_t minutes = (t % kMicrosPerDay) / kMicrosPerMinute;
  const int64_t h = minutes / 60;
  const int64_t m = minutes % 60;
  std::string out = std::to_string(h) + ":" + (m < 10 ? "0" : "") + std::to_string(m);
  return h < 10 ? "0" + out : out;
}

// ASCII letters of a name for an e-mail address: "O'Brien" -> "obrien", "Wójcik" -> "wojcik".
std::string EmailPart(std::string_view name) {
  static constexpr std::pair<std::string_view, char> kFolds[] = {
      {"ó", 'o'}, {"é", 'e'}, {"á", 'a'}, {"ł", 'l'}, {"ś", 's'}, {"ń", 'n'}, {"ą", 'a'}, {"ę", 'e'}, {"ü", 'u'}};
  std::string out;
  for (size_t i = 0; i < name.size();) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      if (std::isalpha(c)) out.push_back(static_cast<char>(std::tolower(c)));
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [from, to] : kFolds) {
      if (name.substr(i).starts_with(from)) {
        out.push_back(to);
        i += from.size();
        folded = true;
        break;
      }
    }
    if (!folded) ++i;
  }
  return out;
}

// ---- records: templates ---------------------------------------------------------------------------

enum class ConcernKind {
  kBruise,
  kNeglect,
  kIntoxicatedCarer,
  kDomesticAbuse,
  kPhysical,
  kSelfHarm,
  kMissing,
  kOnline
};

// A concern as the incident form asks for it: facts apart from opinion, the child's own words
// verbatim (childlike grammar and all), injuries as seen, and what was done.
RecordContent ConcernContent(ConcernKind kind, int age, bool nursery, const Facts& f, Dice& d) {
  RecordContent c;
  SafeguardingConcern s;
  switch (kind) {
    case ConcernKind::kBruise:
      c.summary = Fill("Bruising seen on {name}'s upper arm", f);
      s.what_happened = {
          Fact("At {time} the {observer} noticed a bruise on {name}'s upper left arm when {poss} sleeve rode up.", f),
          Fact("{name} pulled {poss} arm away when it was touched and cried.", f),
          Fact(nursery ? "At collection {mother} said {name} had fallen against the sofa at the weekend."
                       : "When asked, {mother} said {name} had fallen against the sofa at the weekend.",
               f),
          Opinion("The marks are four small round bruises in a line. In my professional opinion this pattern is "
                  "not typical of a fall against furniture and could be consistent with the arm being gripped.",
                  f)};
      s.where = Fill("{room}", f);
      s.who_was_present = Fill(nursery ? "The {observer} and a second member of staff; no other children nearby."
                                       : "The {observer} and {mother}.",
                               f);
      if (age >= 2) {
        constexpr std::string_view kWords[] = {"Daddy squeezed it. He was cross cos I spilled my juice.",
                                               "It hurts. Mummy's friend grabbed me and I was crying.",
                                               "I was naughty and got a big squeeze."};
        s.childs_words = d.Pick(kWords);
      }
      s.injuries_observed = {
          Fact("Four round bruises, each about 1 cm across, in a line on the outer upper left arm; blue-purple.", f),
          Fact("No other marks seen on the arms, legs or face.", f)};
      s.action_taken = {
          Fact("Recorded on a body map; no photographs taken, in line with procedure.", f),
          Fact("Reported to the {lead} at {time2}.", f),
          nursery ? Fact("The {lead} telephoned the children's services front door, which accepted it as a "
                         "referral.",
                         f)
                  : Fact("The {lead} and the allocated social worker agreed a strategy discussion was needed.", f),
          Fact("Parents not told at this stage, on the social worker's advice, to avoid placing {name} at further "
               "risk.",
               f)};
      break;
    case ConcernKind::kNeglect:
      c.summary = Fill("{name} arrived hungry and in unwashed clothes", f);
      s.what_happened = {
          Fact("{name} was seen at {time} wearing the same clothes as on the previous two days; they were stained "
               "and smelt of urine.",
               f),
          age < 3 ? Fact("{name}'s nappy was heavy and had leaked through to {poss} trousers.", f)
                  : Fact("{name} had no coat, although it was raining and cold.", f),
          Fact("{name} ate two bowls of cereal and four slices of toast when offered food, and asked for more.", f),
          Opinion("This is the fourth time this month. In my view it is part of a pattern of {name}'s basic needs "
                  "not being met, rather than a one-off.",
                  f)};
      s.where = Fill("{room}", f);
      s.who_was_present = Fill("The {observer} and one other member of staff.", f);
      if (age >= 2) {
        constexpr std::string_view kWords[] = {"No breakfast at home. My tummy is hurting.",
                                               "There wasn't no food. Mummy was asleep on the settee.",
                                               "I had crisps for tea. And for breakfast."};
        s.childs_words = d.Pick(kWords);
      }
      if (age < 3) s.injuries_observed = {Fact("Nappy rash: red, broken skin across the nappy area.", f)};
      s.action_taken = {
          Fact("{name} was given clean clothes and something to eat.", f),
          Fact("Discussed with the {lead} the same morning and added to the record of low-level concerns.", f),
          nursery ? Fact("Referral made to children's social care, with {mother}'s knowledge.", f)
                  : Fact("Shared with the allocated social worker the same day.", f)};
      break;
    case ConcernKind::kIntoxicatedCarer:
      c.summary = "Parent appeared intoxicated at collection";
      s.what_happened = {
          Fact("At {time} {father} arrived to collect {name}. He was unsteady on his feet, slurring his words and "
               "smelt strongly of alcohol.",
               f),
          Fact("The nursery manager told {father} that {name} could not go home with him and asked him to wait "
               "while {mother} was contacted.",
               f),
          Fact("{father} shouted and swore at staff in front of the children, then left.", f),
          Fact("{mother} collected {name} at {time2}.", f),
          Opinion("Staff judged that {father} was not in a fit state to care for {name} safely at the time.", f)};
      s.where = "Entrance hall";
      s.who_was_present = "The nursery manager, the key person, and two parents collecting their children.";
      if (age >= 3) s.childs_words = "Daddy's poorly again. He does wobbly walking.";
      s.action_taken = {
          Fact("{name} was not released to {father}; {mother} was telephoned straight away.", f),
          Fact("Reported to the designated safeguarding lead, who referred to children's social care the next "
               "morning.",
               f),
          Fact("The collection password was explained to {mother}; only she may collect until further notice.", f)};
      break;
    case ConcernKind::kDomesticAbuse:
      c.summary = Fill("{name} spoke about violence at home", f);
      if (age <= 4) {
        s.what_happened = {Fact("During play {name} hit a doll repeatedly and shouted \"Shut up, shut up\".", f)};
        s.childs_words =
            "Daddy shouted at mummy and hit her head and she was crying on the floor. I hided under my bed.";
      } else if (age <= 11) {
        s.what_happened = {
            Fact("{name} was quiet and tearful at the start of the day and did not want to go out "
                 "to play.",
                 f)};
        s.childs_words =
            "Dad pushed mum into the door and there was blood on her face. I rang nan but she didn't "
            "answer. I'm not supposed to tell.";
      } else {
        s.what_happened = {
            Fact("In a one-to-one session {name} said there had been another argument at home at "
                 "the weekend.",
                 f)};
        s.childs_words =
            "He kicked off again Saturday. I took my brother upstairs and put music on so he wouldn't "
            "hear it. Mum says it's fine but it's not.";
      }
      s.what_happened.push_back(
          Fact("When the {observer} said \"You sound worried\", {name} said the words recorded "
               "below.",
               f));
      s.what_happened.push_back(
          Fact("The {observer} listened, did not ask leading questions, and told {name} that "
               "telling an adult was the right thing to do.",
               f));
      s.what_happened.push_back(
          Opinion("{name} seemed frightened and was withdrawn for the rest of the session. In "
                  "my view {name} is being affected by what happens at home.",
                  f));
      s.where = Fill("{room}", f);
      s.who_was_present = Fill("The {observer}; two other children were playing nearby but out of earshot.", f);
      s.injuries_observed = {Fact("No injuries seen.", f)};
      s.action_taken = {
          Fact("Reported to the {lead} at {time2}.", f),
          Fact("The children's services front door and the police domestic abuse team were told the same day.", f),
          Fact("{mother} was not told before the strategy discussion, on social care's advice, because telling her "
               "could increase the risk to her and the children.",
               f)};
      break;
    case ConcernKind::kPhysical:
      c.summary = Fill("{name} said a parent had hit {obj}", f);
      s.what_happened = {
          Fact("{name} arrived with a red mark about 4 cm long on {poss} left cheek.", f),
          Fact("When the {observer} asked \"What happened to your face?\", {name} said the words recorded below.", f),
          Opinion("{name} seemed anxious about going home and twice asked whether {poss} mum would find out.", f)};
      s.where = Fill("{room}", f);
      s.who_was_present = Fill("The {observer} only.", f);
      s.childs_words =
          age <= 11 ? "Mum slapped me cos I didn't tidy my room. She said if I tell anyone I'll get taken away."
                    : "She lost it and hit me with the hairbrush. It's happened before. Don't ring her, she'll go mad.";
      s.injuries_observed = {Fact("Red mark about 4 cm long on the left cheek, fading; skin not broken.", f),
                             Fact("No other marks seen on the face, hands or arms.", f)};
      s.action_taken = {
          Fact("Not questioned further; {name} was told the information would be passed on to keep {obj} safe.", f),
          Fact("Reported to the {lead} at {time2} and confirmed in writing the same day.", f),
          Fact("A strategy discussion was arranged for the same afternoon.", f)};
      break;
    case ConcernKind::kSelfHarm:
      c.summary = Fill("Self-harm disclosed by {name}", f);
      s.what_happened = {
          Fact("{name} rolled up {poss} sleeves during the session and the {observer} saw several thin cuts on "
               "{poss} left forearm.",
               f),
          Fact("{name} said the cuts were from the last two weeks.", f),
          Opinion("In my view the immediate risk is low to moderate: the cuts are superficial and {name} talked "
                  "openly, but the self-harm is becoming more frequent.",
                  f)};
      s.where = "Family centre, meeting room 2";
      s.who_was_present = Fill("The {observer} only.", f);
      s.childs_words = "It's not a big deal. I only do it when things at home get too much and I can't sleep.";
      s.injuries_observed = {
          Fact("About six thin parallel cuts, 2 to 3 cm long, on the inner left forearm; scabbed, "
               "no sign of infection.",
               f)};
      s.action_taken = {
          Fact("Agreed with {name} that the school nurse and GP would be told; {name} did not want {mother} told "
               "yet.",
               f),
          Fact("Safety plan written with {name}, including the Childline number and who to talk to at school.", f),
          Fact("Discussed with the team manager the same day; referral made to the children and young people's "
               "mental health service.",
               f)};
      break;
    case ConcernKind::kMissing:
      c.summary = Fill("{name} missing from the foster home overnight", f);
      c.source = {SourceKind::kParentOrCarer, f.carer, "foster carer"};
      s.what_happened = {
          Fact("{name} did not return to the foster home by the agreed time of 22:00.", f),
          Fact("{carer} rang {name}'s phone several times; it went to voicemail.", f),
          Fact("{carer} reported {name} missing to the police at 23:30, following the missing-from-care protocol.", f),
          Fact("{name} came back at 07:15 the next morning, tired but with no visible injury.", f),
          Opinion("This is the third missing episode in a month. The pattern, and a new phone {name} will not "
                  "explain, are in my view signs that {name} may be being exploited.",
                  f)};
      s.where = "The foster home and the town centre";
      s.who_was_present = Fill("{carer}; police officers visited the foster home at 00:40.", f);
      s.childs_words = "I was just at my mate's. I don't have to tell you everything. I'm not a kid.";
      s.injuries_observed = {Fact("No injuries seen when {name} returned.", f)};
      s.action_taken = {
          Fact("Return home interview offered by the independent service, to take place within 72 hours.", f),
          Fact("Strategy discussion requested about the risk of child exploitation.", f),
          Fact("The emergency duty team was told overnight and {la} informed the next morning.", f)};
      break;
    case ConcernKind::kOnline:
      c.summary = "Concern about online contact with an adult";
      s.what_happened = {
          Fact("{name} showed the {observer} messages from an account on a social media app; the sender said he "
               "was 17.",
               f),
          Fact("The messages asked {name} to keep their chats secret and to meet him in the town centre on "
               "Saturday.",
               f),
          Fact("{name} said the sender had sent {obj} money for phone credit.", f),
          Opinion("The secrecy, the gift of money and the request to meet are in my view signs of grooming, and the "
                  "sender is probably an adult.",
                  f)};
      s.where = Fill("{room}", f);
      s.who_was_present = Fill("The {observer} only.", f);
      s.childs_words =
          "He's nice to me, he's the only one who actually listens. He said he's 17. Please don't tell my mum.";
      s.action_taken = {
          Fact("The phone was left with {name}; staff took no screenshots, following police guidance.", f),
          Fact("Reported to the police child exploitation team and the children's services front door the same "
               "day.",
               f),
          Fact("{name} was told honestly that the information had to be shared to keep {obj} safe.", f)};
      break;
  }
  if (c.source.kind == SourceKind::kStaffObservation && !s.childs_words.empty() &&
      kind != ConcernKind::kIntoxicatedCarer) {
    c.source = {SourceKind::kChild, "", "the child"};
  }
  c.concern = std::move(s);
  return c;
}

struct Referrer {
  std::string_view agency;
  std::string_view role;
  std::string_view concern;
  int min_age;
};
constexpr Referrer kReferrers[] = {
    {"Hollowmere Primary School", "designated safeguarding lead",
     "{name} arriving hungry and in unwashed clothes, and missing 14 school days this term", 5},
    {"Kestrelbury Health Visiting Team", "health visitor",
     "missed health appointments and a home that was cold and without food in the cupboards", 0},
    {"Kestrelshire Police", "public protection unit",
     "a domestic incident at the family home at which {name} was present", 0},
    {"Larkhaven Medical Centre", "GP", "{mother}'s low mood and her worry that she cannot cope with the children", 0},
    {"Marrowgate General Hospital", "emergency department liaison nurse",
     "an attendance with a head injury that was not fully explained", 0},
    {"Copperbridge Academy", "head of year",
     "{name}'s falling attendance and comments to friends about not wanting to go home", 11},
};

constexpr std::string_view kHomeVisits[] = {
    "Announced home visit. {mother} answered the door and let me in straight away. The living room was tidy and "
    "warm, and there was fresh food in the fridge. {name} was seen and spoke with me in {poss} bedroom, which had a "
    "made bed and some toys. {name} said school was \"alright\" and that {poss} favourite thing at the moment is "
    "football. Analysis: home conditions have improved since my last visit and {mother} is engaging with the plan. "
    "In my view the family still needs help with morning routines.",
    "Unannounced home visit. No answer at first; {mother} came to the door after about five minutes and said she had "
    "been asleep. The kitchen had dirty dishes piled in the sink and the bin was overflowing. There was no bread or "
    "milk in the house. {name} was seen briefly in the living room watching television. Analysis: conditions have "
    "slipped back. I am worried that {mother}'s low mood is affecting the care of the children, and I will discuss "
    "this at the core group.",
    "Home visit with the family support worker. {mother} and {father} were both present. We went through the "
    "written agreement line by line; both signed it. {name} showed me a drawing from school and talked about a "
    "friend's birthday party. Analysis: the parents are working with us, though {father} became defensive when "
    "alcohol use was discussed.",
    "Home visit. {mother} had arranged for {name} to be home so we could talk. {name} was seen alone in the garden "
    "and said things at home were \"better since the shouting stopped\". {mother} has started the domestic abuse "
    "recovery programme. Analysis: {name} appears more settled; the protective steps in the plan are holding.",
};
constexpr std::string_view kChildProtectionVisits[] = {
    "Child protection visit, unannounced. {name} was seen alone in {poss} bedroom. The room was clean, with a bed, "
    "bedding and clothes in drawers. {name} said \"Mum's been nicer\" and that nobody had hurt {obj}. No marks seen "
    "on face or arms. Analysis: no new concerns today, but one visit cannot show a lasting change.",
    "Child protection visit. {name} was seen with {mother} and then on {poss} own. {name} used the three houses "
    "worksheet: in the house of worries {name} drew shouting and a broken door; in the house of good things, nan's "
    "dog. Analysis: the worries {name} described match what is in the referral; shared with the core group.",
    "Child protection visit. {mother} was not at home; {name} was being looked after by a neighbour, who gave her "
    "name but said she did not want to be involved. I waited until {mother} returned at 16:50. Analysis: leaving "
    "{name} with an adult not known to the service is a breach of the written agreement; discussed with my manager.",
};
constexpr std::string_view kStatutoryVisits[] = {
    "Statutory visit to {name} at the foster home. {name} was seen alone in {poss} bedroom and showed me new posters "
    "the foster carers had helped put up. {name} said \"I like it here but I miss my mum\". The carers report {name} "
    "is "
    "sleeping better and has had no nightmares for two weeks. Analysis: the placement is meeting {name}'s needs.",
    "Statutory visit. {name} was seen alone and we went for a walk to the park. {name} asked when family time would "
    "go back to every week. {name} said school is \"ok\" and that a boy in {poss} class calls {obj} names because "
    "{name} is in care; I will raise this with the designated teacher. Analysis: {name} needs support at school.",
    "Statutory visit. The foster carers report two incidents of {name} refusing to come home on time. {name}, seen "
    "alone, "
    "said the house rules are \"stricter than at mum's\". We agreed to look at the rules together at the next "
    "placement meeting. Analysis: the placement is stable, but the carers need support with boundaries.",
};
constexpr std::string_view kKeyPersonNotes[] = {
    "{name} spent twenty minutes at the water tray pouring between jugs and said \"more water\" several times. "
    "{name} is beginning to join in with songs at group time.",
    "{name} was unsettled after drop-off and cried for about ten minutes, then settled with a book on the key "
    "person's lap. {mother} says {name} has been waking in the night.",
    "{name} built a tower of eight bricks and counted them to five. {name} shared the bricks with another child "
    "without being asked. Shared with {mother} at collection.",
    "{name} did not want to eat lunch and slept for two hours in the afternoon, much longer than usual. {mother} was "
    "told at collection and said {name} had been up late because of visitors.",
};

// Extra sentences an amendment adds to a note that left something out.
constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kChronologyAdditions = {{
    {"Outcome letter sent to {mother} the same week.",
     "Added that the outcome letter was sent, which was left out of the original entry."},
    {"{mother} was told of the outcome by phone the same day.",
     "Added that the parent was told of the outcome, following the case file audit."},
}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kNoteAdditions = {{
    {"{mother} was given a copy of the plan and the out-of-hours team's number.",
     "Added that the plan and the out-of-hours number were given to the parent, which was left out of the original "
     "entry."},
    {"{name}'s wishes and feelings were recorded on the child's views form and will go to the next review.",
     "Added where the child's wishes and feelings were recorded, as the team manager asked in supervision."},
    {"An interpreter was not needed: {mother} confirmed she was happy to talk in English.",
     "Added that the need for an interpreter was checked, following the case file audit."},
}};

// A tiny letter, stored as a text attachment.
std::string ConferenceLetter(const Facts& f, const PersonDetails& to) {
  const std::string salutation = (to.gender == "Female" ? "Ms " : "Mr ") + to.family_name;
  return Fill("Kestrelbury Borough Council, Children's Services\n\n" + to.given_names + " " + to.family_name + "\n" +
                  to.address + "\n" + to.postcode + "\n\nDear " + salutation +
                  ",\n\n"
                  "Initial child protection conference about {name}\n\n"
                  "I am writing to invite you to a meeting about {name}. You are welcome to bring a friend or a "
                  "supporter, and you can ask for an interpreter. Before the meeting your social worker will go "
                  "through the report with you.\n\n"
                  "Please ring the conference team on 07700 900999 if you have any questions.\n\n"
                  "Yours sincerely,\n"
                  "Conference and Review Team\n",
              f);
}

// A 4x4 RGB PNG: a child's drawing in crayon colours (valid signature, chunks and CRCs).
constexpr uint8_t kDrawingPng[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
    0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09, 0x29, 0x00, 0x00, 0x00,
    0x21, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0x75, 0x49, 0xee, 0x3f, 0x18, 0x00, 0x19, 0x0c, 0x40,
    0xea, 0x8e, 0x86, 0x86, 0x46, 0xc0, 0x1d, 0x20, 0x03, 0x95, 0xa3, 0xb1, 0xc0, 0x06, 0x8e, 0x00, 0x92, 0x9e,
    0x1e, 0xd3, 0xd1, 0x0f, 0xa8, 0x52, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

// ---- planning -----------------------------------------------------------------------------------

struct Household {
  std::string address;
  std::string postcode;
};

// One child while its family is planned.
struct ChildPlan {
  size_t index = 0;  // into PlannedFamily::people
  int age = 0;
  UnixMicros born_at = 0;  // midnight UTC on the date of birth
  Facts facts;
  bool at_nursery = false;
  size_t key_person = 0;  // Slot, when at nursery
  UnixMicros nursery_start = 0;
  size_t social_worker = kSlotCount;   // Slot, kSlotCount if none
  size_t earlier_worker = kSlotCount;  // who had the case before `handover`, if it changed hands
  UnixMicros handover = 0;
};

// Plans the organisation one family at a time. Every choice comes from one Dice, in a fixed order,
// so a seed and a "now" determine the plan. Records the secrets of everything it plans.
class Planner {
 public:
  Planner(uint64_t seed, DemoSecrets& secrets)
      : dice_(seed), secrets_(secrets), nhs_base_(dice_.Next() % 900000), phone_next_(dice_.Between(0, 999)) {}

  std::vector<PlannedStaff> PlanStaff();

  // Fixes "now" (the vault's clock) before any family is planned.
  void SetNow(UnixMicros now) {
    now_ = now;
    today_ = CivilDate::FromUnixMicros(now);
    history_start_ = now - kHistoryDays * kMicrosPerDay;
  }

  size_t children() const { return children_; }
  PlannedFamily PlanFamily();
  // A care leaver whose old paper file was scanned in: so the retention schedule has someone for
  // the DPO to review.
  PlannedFamily PlanCareLeaver();

 private:
  // -- people
  Household NewHousehold();
  std::string NewPhone();
  std::string PickFamilyName();
  CivilDate DateOfBirth(int64_t age_days) const { return domain::AddDays(today_, -age_days); }
  size_t AddAdult(PlannedFamily& f, bool female, std::string_view given, const std::string& family, int age_years,
                  const Household* home);
  ChildPlan& AddChild(PlannedFamily& f, std::vector<ChildPlan>& kids, const std::string& family, int64_t age_days,
                      const Household& home, const domain::ChildStatus& status);
  void Relate(PlannedFamily& f, size_t child, size_t person, RelationshipKind kind, bool pr, bool lives_with,
              std::vector<Restriction> restrictions = {}, std::string notes = {}, bool poses_risk = false);
  void RelateSiblings(PlannedFamily& f, const std::vector<ChildPlan>& kids);
  // Ages of 1-3 children, eldest first, each in [min_days, max_days].
  std::vector<int64_t> ChildAges(int64_t min_days, int64_t max_days, int max_children);

  // -- time
  // A working-hours time on a day between those of `lo` and `hi`, clamped to [lo, hi].
  UnixMicros WorkingTime(UnixMicros lo, UnixMicros hi);
  // When a case (or a nursery place) began: in the last two years, not before `lo`, and where
  // possible two months or more ago, so that most of its story has happened.
  UnixMicros Start(UnixMicros lo);
  // A working-hours time `min_days` to `max_days` after `t`, never before it. It may fall after now:
  // the record helpers skip such events, as the case has not got there yet.
  UnixMicros After(UnixMicros t, int min_days, int max_days);
  // The latest visit: in the last six weeks, and after `after`. Returns 0 (which the record helpers
  // skip) when the case is too new for another visit.
  UnixMicros Recent(UnixMicros after);

  // -- records (each skipped if `at` is after now or more than two years ago)
  void Add(PlannedFamily& f, const ChildPlan& c, size_t author, RecordKind kind, SensitivityTier tier, UnixMicros at,
           RecordContent content);
  void Chronology(PlannedFamily& f, const ChildPlan& c, size_t author, SensitivityTier tier, UnixMicros at,
                  std::string_view summary, std::string_view text, RecordSource source = {});
  void Note(PlannedFamily& f, const ChildPlan& c, size_t author, SensitivityTier tier, UnixMicros at,
            std::string_view summary, std::string_view text);
  void Concern(PlannedFamily& f, ChildPlan& c, size_t author, UnixMicros at, ConcernKind kind);
  // A concern that fits the child's age and setting (only a nursery sees a parent arrive to collect).
  ConcernKind PickConcern(const ChildPlan& c, bool domestic_abuse);
  size_t ConcernAuthor(const ChildPlan& c);
  void Referral(PlannedFamily& f, ChildPlan& c, size_t author, UnixMicros at);
  void MaybeAmend(PlannedRecord& r, const ChildPlan& c);
  void AllocateSocialWorker(PlannedFamily& f, ChildPlan& c, size_t social_worker, size_t manager, UnixMicros from);
  // Gives a child under five a place at Little Acorns: a key person, a start and the first entries.
  void AttendNursery(PlannedFamily& f, ChildPlan& c);

  // -- cases
  void PlanNurseryFamily(PlannedFamily& f);
  void PlanStatutoryFamily(PlannedFamily& f, CaseType type);
  void PlanLookedAfterFamily(PlannedFamily& f);
  void PlanKinshipFamily(PlannedFamily& f);

  // -- secrets
  // Adds `value` to one of the secrets' lists unless it is too short or already there.
  enum SecretList { kNames, kNhsNumbers, kAddresses, kNoteTexts, kContacts, kSecretListCount };
  void Secret(SecretList list, std::string_view value);
  void RecordSecrets(const PlannedFamily& f);
  void ContentSecrets(const RecordContent& c);

  Dice dice_;
  DemoSecrets& secrets_;
  std::unordered_set<std::string> seen_[kSecretListCount];
  uint64_t nhs_base_;
  int64_t phone_next_;
  size_t nhs_count_ = 0;
  size_t la_ids_ = 0;
  size_t children_ = 0;
  size_t records_ = 0;
  UnixMicros now_ = 0;
  UnixMicros history_start_ = 0;
  CivilDate today_;
  std::vector<CaseType> block_;
  size_t blocks_ = 0;
  // Once per block of families: an anonymous call, and a conference letter or a child's drawing.
  bool letter_due_ = false;
  bool drawing_due_ = false;
  bool anonymous_due_ = false;
};

void Planner::Secret(SecretList list, std::string_view value) {
  if (value.size() < 6) return;  // see DemoSecrets: a short string matches ciphertext by chance
  std::vector<std::string>* const lists[kSecretListCount] = {
      &secrets_.names, &secrets_.nhs_numbers, &secrets_.addresses, &secrets_.note_texts, &secrets_.contacts};
  if (seen_[list].emplace(value).second) lists[list]->emplace_back(value);
}

std::vector<PlannedStaff> Planner::PlanStaff() {
  std::vector<PlannedStaff> out;
  std::unordered_set<std::string> used;
  for (const StaffSpec& spec : kStaffSpecs) {
    std::string full_name;
    do {
      const bool female = dice_.Percent(70);  // the children's workforce is mostly women
      full_name = std::string(female ? dice_.Pick(kWomenNames) : dice_.Pick(kMenNames)) + " " +
                  std::string(dice_.Pick(kFamilyNames));
    } while (!used.insert(full_name).second);
    const std::string email =
        EmailPart(FirstWord(full_name)) + "." + EmailPart(full_name.substr(full_name.find(' ') + 1)) + "@example.org";
    Secret(kNames, full_name);
    Secret(kContacts, email);
    out.push_back({spec.role, std::string(spec.team), {full_name, email}});
  }
  return out;
}

Household Planner::NewHousehold() {
  const size_t town = static_cast<size_t>(dice_.Between(0, std::size(kTowns) - 1));
  Household h;
  if (dice_.Percent(25)) {
    h.address = "Flat " + std::to_string(dice_.Between(1, 48)) + ", " + std::string(dice_.Pick(kBlocks)) + ", ";
  } else {
    h.address = std::to_string(dice_.Between(1, 180)) + " ";
  }
  h.address += std::string(dice_.Pick(kStreets)) + ", " + std::string(kTowns[town]);
  const int64_t district = static_cast<int64_t>(town) * 2 + dice_.Between(1, 2);
  h.postcode = "XX" + std::to_string(district) + " " + std::to_string(dice_.Between(1, 9)) +
               kPostcodeLetters[static_cast<size_t>(dice_.Between(0, kPostcodeLetters.size() - 1))] +
               kPostcodeLetters[static_cast<size_t>(dice_.Between(0, kPostcodeLetters.size() - 1))];
  Secret(kAddresses, h.address);
  Secret(kAddresses, h.postcode);
  return h;
}

std::string Planner::NewPhone() {
  // Steps of 7 through the 1,000 drama-range numbers: no repeats before the 1,001st phone.
  phone_next_ = (phone_next_ + 7) % 1000;
  std::string digits = std::to_string(phone_next_);
  digits.insert(0, 3 - digits.size(), '0');
  return "07700 900" + digits;
}

std::string Planner::PickFamilyName() {
  std::string name(dice_.Pick(kFamilyNames));
  if (dice_.Percent(8)) name += "-" + std::string(dice_.Pick(kFamilyNames));
  return name;
}

size_t Planner::AddAdult(PlannedFamily& f, bool female, std::string_view given, const std::string& family,
                         int age_years, const Household* home) {
  PlannedPerson p;
  p.kind = PersonKind::kAdult;
  PersonDetails& d = p.details;
  d.given_names = std::string(given);
  d.family_name = family;
  d.gender = female ? "Female" : "Male";
  d.date_of_birth = DateOfBirth(age_years * 365LL + dice_.Between(0, 364));
  if (home != nullptr) {
    d.address = home->address;
    d.postcode = home->postcode;
  }
  if (dice_.Percent(85)) d.phone = NewPhone();
  if (dice_.Percent(40)) {
    d.email = EmailPart(given) + "." + EmailPart(family) + std::to_string(dice_.Between(1, 99)) + "@example.com";
  }
  Secret(kNames, d.given_names + " " + d.family_name);
  Secret(kContacts, d.phone);
  Secret(kContacts, d.email);
  f.people.push_back(std::move(p));
  return f.people.size() - 1;
}

ChildPlan& Planner::AddChild(PlannedFamily& f, std::vector<ChildPlan>& kids, const std::string& family,
                             int64_t age_days, const Household& home, const domain::ChildStatus& status) {
  const bool girl = dice_.Percent(50);
  PlannedPerson p;
  p.kind = PersonKind::kChild;
  PersonDetails& d = p.details;
  d.given_names = std::string(girl ? dice_.Pick(kGirlNames) : dice_.Pick(kBoyNames));
  if (dice_.Percent(30))
    d.given_names += " " + std::string(girl ? dice_.Pick(kGirlMiddleNames) : dice_.Pick(kBoyMiddleNames));
  for (const auto& [full, short_form] : kPreferredForms) {
    if (FirstWord(d.given_names) == full && dice_.Percent(50)) d.preferred_name = std::string(short_form);
  }
  d.family_name = family;
  const CivilDate dob = DateOfBirth(age_days);
  d.date_of_birth = dob;
  const int age = domain::AgeInYearsOn(dob, today_);
  const bool non_binary = age >= 13 && dice_.Percent(5);
  d.gender = non_binary ? "Non-binary" : (girl ? "Female" : "Male");
  d.address = home.address;
  d.postcode = home.postcode;
  // A few children, new to the country or just born, have no NHS number on file yet.
  if (!dice_.Percent(4)) {
    auto nhs = domain::NhsNumber::Parse(domain::GenerateTestNhsNumber((nhs_base_ + nhs_count_++) % 900000));
    // GenerateTestNhsNumber always returns a valid number; a failure would be its bug, and the
    // child is then simply stored without one.
    if (nhs.ok()) {
      d.nhs_number = *nhs;
      Secret(kNhsNumbers, nhs->digits());
    }
  }
  d.status = status;
  if (status.looked_after || status.child_in_need || status.child_protection_plan) {
    d.la_child_id = "KB" + std::to_string(400000 + ++la_ids_);
  }
  if (age >= 12 && dice_.Percent(50)) d.phone = NewPhone();
  Secret(kNames, d.given_names + " " + d.family_name);
  Secret(kContacts, d.phone);

  ChildPlan c;
  c.index = f.people.size();
  c.age = age;
  c.born_at = dob.DaysSinceEpoch() * kMicrosPerDay;
  c.facts.name = d.preferred_name.empty() ? FirstWord(d.given_names) : d.preferred_name;
  c.facts.poss = non_binary ? "their" : (girl ? "her" : "his");
  c.facts.obj = non_binary ? "them" : (girl ? "her" : "him");
  c.facts.mother = "mother";
  c.facts.carer = "the carer";
  c.facts.setting = age >= 11 ? "Copperbridge Academy" : (age >= 5 ? "Hollowmere Primary School" : "home");
  c.facts.room = age >= 5 ? c.facts.setting : "the family home";
  f.people.push_back(std::move(p));
  kids.push_back(std::move(c));
  ++children_;
  return kids.back();
}

void Planner::Relate(PlannedFamily& f, size_t child, size_t person, RelationshipKind kind, bool pr, bool lives_with,
                     std::vector<Restriction> restrictions, std::string notes, bool poses_risk) {
  Secret(kNoteTexts, notes);
  f.relationships.push_back({child, person, {kind, pr, lives_with, std::move(restrictions), std::move(notes), poses_risk}});
}

void Planner::RelateSiblings(PlannedFamily& f, const std::vector<ChildPlan>& kids) {
  for (const ChildPlan& a : kids) {
    for (const ChildPlan& b : kids) {
      if (a.index != b.index) Relate(f, a.index, b.index, RelationshipKind::kSibling, false, true);
    }
  }
}

std::vector<int64_t> Planner::ChildAges(int64_t min_days, int64_t max_days, int max_children) {
  std::vector<int64_t> ages{dice_.Between(min_days, max_days)};
  const int64_t wanted = dice_.Between(1, max_children);
  while (static_cast<int64_t>(ages.size()) < wanted) {
    // Twins now and then; otherwise one to four years younger than the last child.
    const int64_t gap = dice_.Percent(6) ? 0 : dice_.Between(400, 1500);
    if (ages.back() - gap < 0) break;
    ages.push_back(ages.back() - gap);
  }
  return ages;
}

UnixMicros Planner::WorkingTime(UnixMicros lo, UnixMicros hi) {
  const int64_t day = dice_.Between(lo / kMicrosPerDay, hi / kMicrosPerDay);
  const int64_t minute = dice_.Between(8 * 60, 17 * 60 + 59);
  UnixMicros t = day * kMicrosPerDay + minute * kMicrosPerMinute;
  // Later than `hi` on hi's own day (it is early morning now): the same time the day before.
  if (t > hi && t - kMicrosPerDay >= lo) t -= kMicrosPerDay;
  return std::clamp(t, lo, hi);
}

UnixMicros Planner::Start(UnixMicros lo) {
  lo = std::min(std::max(lo, history_start_), now_);
  return WorkingTime(lo, std::max(lo, now_ - 60 * kMicrosPerDay));
}

UnixMicros Planner::After(UnixMicros t, int min_days, int max_days) {
  const int64_t day = t / kMicrosPerDay + dice_.Between(min_days, max_days);
  const UnixMicros at = day * kMicrosPerDay + dice_.Between(8 * 60, 17 * 60 + 59) * kMicrosPerMinute;
  return at > t ? at : t + dice_.Between(10, 90) * kMicrosPerMinute;
}

UnixMicros Planner::Recent(UnixMicros after) {
  const UnixMicros lo = std::max(after + kMicrosPerDay, now_ - 42 * kMicrosPerDay);
  return lo < now_ ? WorkingTime(lo, now_) : 0;
}

void Planner::Add(PlannedFamily& f, const ChildPlan& c, size_t author, RecordKind kind, SensitivityTier tier,
                  UnixMicros at, RecordContent content) {
  if (at > now_ || at < history_start_ || at < c.born_at) return;
  // Before a handover the case, and so the recording, was the earlier social worker's.
  if (author == c.social_worker && at < c.handover) author = c.earlier_worker;
  PlannedRecord r;
  r.child = c.index;
  r.author = author;
  r.kind = kind;
  r.tier = tier;
  r.occurred_at = at;
  r.content = std::move(content);
  MaybeAmend(r, c);
  f.records.push_back(std::move(r));
}

void Planner::Chronology(PlannedFamily& f, const ChildPlan& c, size_t author, SensitivityTier tier, UnixMicros at,
                         std::string_view summary, std::string_view text, RecordSource source) {
  Facts facts = c.facts;
  facts.time = HourMinute(at);
  RecordContent content;
  content.summary = Fill(summary, facts);
  content.text = Fill(text, facts);
  content.source = std::move(source);
  Add(f, c, author, RecordKind::kChronologyEntry, tier, at, std::move(content));
}

void Planner::Note(PlannedFamily& f, const ChildPlan& c, size_t author, SensitivityTier tier, UnixMicros at,
                   std::string_view summary, std::string_view text) {
  Facts facts = c.facts;
  facts.time = HourMinute(at);
  RecordContent content;
  content.summary = Fill(summary, facts);
  content.text = Fill(text, facts);
  Add(f, c, author, RecordKind::kCaseNote, tier, at, std::move(content));
}

ConcernKind Planner::PickConcern(const ChildPlan& c, bool domestic_abuse) {
  const int age = c.age;
  if (domestic_abuse && age >= 2) return ConcernKind::kDomesticAbuse;
  if (age <= 4) {
    ConcernKind kind = ConcernKind::kNeglect;
    do {
      constexpr ConcernKind kKinds[] = {ConcernKind::kBruise, ConcernKind::kNeglect, ConcernKind::kIntoxicatedCarer,
                                        ConcernKind::kDomesticAbuse};
      kind = dice_.Pick(kKinds);
    } while ((kind == ConcernKind::kIntoxicatedCarer && !c.at_nursery) ||
             (kind == ConcernKind::kDomesticAbuse && age < 2));
    return kind;
  }
  if (age <= 11) {
    constexpr ConcernKind kKinds[] = {ConcernKind::kBruise, ConcernKind::kNeglect, ConcernKind::kDomesticAbuse,
                                      ConcernKind::kPhysical};
    return dice_.Pick(kKinds);
  }
  constexpr ConcernKind kKinds[] = {ConcernKind::kSelfHarm, ConcernKind::kPhysical, ConcernKind::kOnline,
                                    ConcernKind::kDomesticAbuse};
  return dice_.Pick(kKinds);
}

// Concerns are raised by whoever saw or heard: the key person or a room practitioner at nursery,
// otherwise the family support worker or the allocated social worker.
size_t Planner::ConcernAuthor(const ChildPlan& c) {
  if (c.at_nursery) {
    if (dice_.Percent(60)) return c.key_person;
    return c.key_person <= kKeyPersonRainbow2 ? kPractitionerRainbow : kPractitionerSunflower;
  }
  if (c.social_worker != kSlotCount && dice_.Percent(40)) return c.social_worker;
  return kFamilySupportWorker;
}

void Planner::Concern(PlannedFamily& f, ChildPlan& c, size_t author, UnixMicros at, ConcernKind kind) {
  const bool nursery = AtNurserySlot(author);
  // A parent arrives drunk at collection time, not at whatever hour the day's timeline gave.
  if (kind == ConcernKind::kIntoxicatedCarer) {
    at = at / kMicrosPerDay * kMicrosPerDay + (17 * 60 + 20 + dice_.Between(0, 30)) * kMicrosPerMinute;
  }
  Facts facts = c.facts;
  facts.observer = std::string(Observer(author));
  facts.lead = nursery ? "designated safeguarding lead" : "team manager";
  facts.time = HourMinute(at);
  facts.time2 = HourMinute(at + dice_.Between(10, 40) * kMicrosPerMinute);
  if (kind == ConcernKind::kSelfHarm || kind == ConcernKind::kOnline) facts.room = "Family centre, meeting room 2";
  if (nursery) {
    constexpr std::string_view kSpots[] = {"nappy changing area", "home corner", "book corner", "cloakroom", "garden"};
    facts.room = std::string(c.key_person <= kKeyPersonRainbow2 ? "Rainbow Room" : "Sunflower Room") + ", " +
                 std::string(dice_.Pick(kSpots));
  }
  RecordContent content = ConcernContent(kind, c.age, nursery, facts, dice_);
  const SensitivityTier tier = kind == ConcernKind::kOnline || kind == ConcernKind::kMissing
                                   ? SensitivityTier::kRestricted
                                   : SensitivityTier::kSensitive;
  Add(f, c, author, RecordKind::kSafeguardingConcern, tier, at, std::move(content));
}

void Planner::Referral(PlannedFamily& f, ChildPlan& c, size_t author, UnixMicros at) {
  const Referrer* r = &kReferrers[0];
  do {
    r = &dice_.Pick(kReferrers);
  } while (r->min_age > c.age);
  Facts facts = c.facts;
  facts.agency = std::string(r->agency);
  RecordContent content;
  content.summary = Fill("Referral received from {agency}", facts);
  content.text = "Referral received from the " + std::string(r->role) + " at " + std::string(r->agency) +
                 ", raising concerns about " + Fill(r->concern, facts) +
                 ". Recorded as the referrer gave it; not yet checked with the family.";
  content.source = {SourceKind::kOtherAgency, std::string(r->agency), std::string(r->role)};
  Add(f, c, author, RecordKind::kChronologyEntry, SensitivityTier::kSensitive, at, std::move(content));
}

// Every kAmendEvery-th record gets a second version of a kind that happens in practice: a date put
// right, a sentence added, an opinion recorded as fact and re-marked, a concern restricted further.
// Version 1 is made to carry the original mistake, so version 2 is the plan's content.
void Planner::MaybeAmend(PlannedRecord& r, const ChildPlan& c) {
  if (r.kind == RecordKind::kAttachment || ++records_ % kAmendEvery != 0) return;
  const bool nursery = AtNurserySlot(r.author);
  const size_t reviewer = nursery ? kSafeguardingLead : kTeamManager;
  PlannedAmendment a;
  a.author = r.author;
  a.content = r.content;
  const uint64_t variant = records_ / kAmendEvery;
  if (r.kind == RecordKind::kSafeguardingConcern) {
    auto& statements = r.content.concern->what_happened;
    auto opinion = std::find_if(statements.begin(), statements.end(),
                                [](const Statement& s) { return s.basis == StatementBasis::kProfessionalOpinion; });
    if (opinion != statements.end() && variant % 3 != 2) {
      opinion->basis = StatementBasis::kFact;
      a.author = reviewer;
      a.reason =
          "Re-marked a statement as professional opinion: it is the practitioner's judgement, not something "
          "observed (picked up in safeguarding supervision).";
    } else if (r.tier != SensitivityTier::kRestricted) {
      a.author = reviewer;
      a.tier = SensitivityTier::kRestricted;
      a.reason =
          "Restricted to designated persons on the safeguarding lead's advice: the concern names an adult who "
          "is now subject to a police investigation.";
    } else {
      a.content.concern->action_taken.push_back(Fact("Body map completed and placed on {name}'s file.", c.facts));
      a.reason = "Added that a body map was completed, which was left out of the original entry.";
    }
  } else if (variant % 2 == 0 && r.occurred_at + kMicrosPerDay <= now_) {
    a.occurred_at = r.occurred_at;
    r.occurred_at += kMicrosPerDay;
    a.reason =
        "Corrected the date: this happened the day before. The entry was first saved with the date it was "
        "typed up.";
  } else {
    using Addition = std::pair<std::string_view, std::string_view>;
    const std::span<const Addition> additions = r.kind == RecordKind::kCaseNote
                                                    ? std::span<const Addition>(kNoteAdditions)
                                                    : std::span<const Addition>(kChronologyAdditions);
    const auto& [sentence, reason] = additions[variant % additions.size()];
    a.content.text += (a.content.text.empty() ? "" : " ") + Fill(sentence, c.facts);
    a.reason = std::string(reason);
  }
  r.amendments.push_back(std::move(a));
}

void Planner::AllocateSocialWorker(PlannedFamily& f, ChildPlan& c, size_t social_worker, size_t manager,
                                   UnixMicros from) {
  c.social_worker = social_worker;
  // Now and then the case changed hands half-way: the earlier allocation is kept, ended.
  if (now_ - from > 120 * kMicrosPerDay && dice_.Percent(15)) {
    const size_t earlier = social_worker == kSocialWorkerA1 ? kSocialWorkerA2 : kSocialWorkerA1;
    const UnixMicros handover = WorkingTime(from + (now_ - from) / 3, from + (now_ - from) * 2 / 3);
    f.allocations.push_back({c.index, earlier, manager, AllocationRole::kAllocatedSocialWorker, from, handover});
    c.earlier_worker = earlier;
    c.handover = handover;
    from = handover;
  }
  f.allocations.push_back(
      {c.index, social_worker, manager, AllocationRole::kAllocatedSocialWorker, from, std::nullopt});
}

void Planner::AttendNursery(PlannedFamily& f, ChildPlan& c) {
  const bool baby_room = c.age < 2;
  c.at_nursery = true;
  c.key_person = baby_room ? (dice_.Percent(50) ? kKeyPersonRainbow1 : kKeyPersonRainbow2)
                           : (dice_.Percent(50) ? kKeyPersonSunflower1 : kKeyPersonSunflower2);
  c.facts.setting = std::string(kNursery);
  c.facts.room = baby_room ? "Rainbow Room" : "Sunflower Room";
  // Babies start from about four months old.
  c.nursery_start = Start(c.born_at + 120 * kMicrosPerDay);
  f.allocations.push_back(
      {c.index, c.key_person, kNurseryManager, AllocationRole::kKeyPerson, c.nursery_start, std::nullopt});
  Chronology(f, c, c.key_person, SensitivityTier::kGeneral, c.nursery_start, "Started at Little Acorns Nursery",
             "{name} started at Little Acorns Nursery in the {room}. Emergency contacts, dietary needs and the people "
             "allowed to collect were checked with {mother}.");
  Note(f, c, c.key_person, SensitivityTier::kGeneral, After(c.nursery_start, 14, 42),
       "Settling-in review with {mother}",
       "Settling-in review with {mother}. {name} now separates at the door with a short cry and settles within five "
       "minutes with the key person. {name} is eating well at lunch and sleeps for about an hour afterwards. {mother} "
       "asked for daily feedback about naps; agreed to write this in the home book.");
  if (dice_.Percent(60)) {
    Note(f, c, c.key_person, SensitivityTier::kGeneral, After(c.nursery_start, 30, 240), "Key person observation",
         dice_.Pick(kKeyPersonNotes));
  }
}

void Planner::PlanNurseryFamily(PlannedFamily& f) {
  const Household home = NewHousehold();
  const std::string surname = PickFamilyName();
  std::vector<ChildPlan> kids;
  // The nursery child first (six months to four), then perhaps an older brother or sister at school.
  const int64_t nursery_age = dice_.Between(180, 5 * 365 - 30);
  AddChild(f, kids, surname, nursery_age, home, {});
  if (dice_.Percent(6)) AddChild(f, kids, surname, nursery_age, home, {});  // twins
  if (dice_.Percent(35)) AddChild(f, kids, surname, nursery_age + dice_.Between(700, 2500), home, {});
  int eldest = 0;
  for (const ChildPlan& c : kids) eldest = std::max(eldest, c.age);

  const int mother_age = eldest + static_cast<int>(dice_.Between(19, 36));
  const std::string mother_given(dice_.Pick(kWomenNames));
  const size_t mother =
      AddAdult(f, true, mother_given, dice_.Percent(75) ? surname : PickFamilyName(), mother_age, &home);
  std::optional<size_t> father;
  std::string father_given;
  const bool together = dice_.Percent(60);
  if (together || dice_.Percent(60)) {
    father_given = std::string(dice_.Pick(kMenNames));
    Household elsewhere;
    if (!together) elsewhere = NewHousehold();
    father = AddAdult(f, false, father_given, surname, mother_age + static_cast<int>(dice_.Between(-3, 8)),
                      together ? &home : &elsewhere);
  }
  for (ChildPlan& c : kids) {
    c.facts.mother = mother_given;
    c.facts.father = father ? father_given : mother_given + "'s partner";
    Relate(f, c.index, mother, RelationshipKind::kMother, true, true);
    if (father) {
      const bool pr = together || dice_.Percent(70);
      Relate(f, c.index, *father, RelationshipKind::kFather, pr, together, {},
             pr ? "" : "Not named on the birth certificate: no parental responsibility.");
    }
  }
  RelateSiblings(f, kids);

  ChildPlan& child = kids.front();
  AttendNursery(f, child);
  if (kids.size() > 1 && kids[1].age < 5) AttendNursery(f, kids[1]);
  if (child.age >= 2 && dice_.Percent(50)) {
    Chronology(f, child, child.key_person, SensitivityTier::kGeneral,
               After(std::max(child.born_at + 2 * 365 * kMicrosPerDay, child.nursery_start), 0, 90),
               "Progress check at age two completed",
               "Progress check at age two completed with {mother}. {name} is developing as expected in physical "
               "development and personal, social and emotional development; a little behind in communication and "
               "language. Shared with the health visitor with {mother}'s consent.");
  }
  if (dice_.Percent(30)) {
    const UnixMicros seen = After(child.nursery_start, 20, 400);
    const UnixMicros referred = After(seen, 0, 1);
    Concern(f, child, ConcernAuthor(child), seen, PickConcern(child, false));
    Chronology(f, child, kSafeguardingLead, SensitivityTier::kSensitive, referred,
               "Designated safeguarding lead referred to children's social care",
               "The designated safeguarding lead reviewed the concern and the record of earlier low-level concerns "
               "and made a referral to the children's services front door.");
    Note(f, child, kSafeguardingLead, SensitivityTier::kSensitive, After(referred, 1, 4),
         "Feedback from the front door",
         "The front door social worker rang back. Outcome: advice and guidance to the nursery, and a referral to the "
         "Early Help Team with {mother}'s agreement. The key person will keep a daily check on {name}'s care and "
         "record anything new.");
  }
}

// Child in need and child protection cases, including domestic abuse where the children are
// protected from a parent by a court order.
void Planner::PlanStatutoryFamily(PlannedFamily& f, CaseType type) {
  const bool protection = type == CaseType::kChildProtection || type == CaseType::kDomesticAbuse;
  const bool abuse = type == CaseType::kDomesticAbuse;
  const Household home = NewHousehold();
  const std::string surname = PickFamilyName();
  domain::ChildStatus status;
  status.child_in_need = !protection;
  status.child_protection_plan = protection;
  std::vector<ChildPlan> kids;
  for (int64_t age : ChildAges(0, 17 * 365 + 300, 3)) AddChild(f, kids, surname, age, home, status);
  int eldest = 0;
  UnixMicros youngest_born = 0;
  for (const ChildPlan& c : kids) {
    eldest = std::max(eldest, c.age);
    youngest_born = std::max(youngest_born, c.born_at);
  }

  const int mother_age = eldest + static_cast<int>(dice_.Between(18, 34));
  const std::string mother_given(dice_.Pick(kWomenNames));
  const size_t mother =
      AddAdult(f, true, mother_given, dice_.Percent(70) ? surname : PickFamilyName(), mother_age, &home);
  const std::string father_given(dice_.Pick(kMenNames));
  // Who else is in the children's lives: father at home, father elsewhere, or a step-parent at home
  // with the father elsewhere. A protected family's father lives apart and must not find them.
  const int shape = abuse ? 1 : static_cast<int>(dice_.Between(0, 2));
  std::optional<Household> elsewhere;
  if (shape != 0 && !(abuse && dice_.Percent(40)))
    elsewhere = NewHousehold();  // abusers' addresses are not always known
  const size_t father = AddAdult(f, false, father_given, surname, mother_age + static_cast<int>(dice_.Between(-2, 9)),
                                 shape == 0 ? &home : (elsewhere ? &*elsewhere : nullptr));
  std::optional<size_t> step;
  std::string step_given;
  if (shape == 2) {
    step_given = std::string(dice_.Pick(kMenNames));
    step = AddAdult(f, false, step_given, PickFamilyName(), mother_age + static_cast<int>(dice_.Between(-5, 6)), &home);
  }
  const std::string court_note =
      "Non-molestation order made by the Family Court at Kestrelbury, case KB" + std::to_string(dice_.Between(20, 25)) +
      "F" + std::to_string(dice_.Between(10000, 99999)) +
      ": he must not contact the mother or the children, and must not be told where they live or go to school or "
      "nursery. Any approach to be reported to the police.";
  for (ChildPlan& c : kids) {
    c.facts.mother = mother_given;
    c.facts.father = step ? step_given : father_given;
    Relate(f, c.index, mother, RelationshipKind::kMother, true, true);
    if (abuse) {
      Relate(f, c.index, father, RelationshipKind::kFather, true, false,
             {Restriction::kMustNotKnowAddress, Restriction::kMustNotKnowSchool, Restriction::kNoContact}, court_note,
             /*poses_risk=*/true);
    } else {
      Relate(f, c.index, father, RelationshipKind::kFather, true, shape == 0,
             shape == 0 ? std::vector<Restriction>{} : std::vector<Restriction>{Restriction::kSupervisedContactOnly},
             shape == 0 ? "" : "Contact supervised at the family centre, as agreed in the child's plan.");
    }
    if (step) Relate(f, c.index, *step, RelationshipKind::kStepParent, false, true);
  }
  RelateSiblings(f, kids);

  // One timeline for the family: the referral, and for a protection case the strategy discussion
  // within days and the conference within 15 working days of it.
  static constexpr std::string_view kCategories[] = {"neglect", "physical abuse", "emotional abuse", "sexual abuse"};
  const std::string category(abuse ? "emotional abuse" : dice_.Pick(kCategories));
  const size_t social_worker = static_cast<size_t>(dice_.Between(kSocialWorkerA1, kSocialWorkerA3));
  const UnixMicros referral = Start(youngest_born);
  const UnixMicros strategy = After(referral, 1, 3);
  const UnixMicros conference = After(strategy, 12, 20);
  const UnixMicros assessment = After(referral, 20, 60);
  for (size_t i = 0; i < kids.size(); ++i) {
    ChildPlan& c = kids[i];
    c.facts.category = category;
    if (c.age >= 1 && c.age < 5 && dice_.Percent(50)) AttendNursery(f, c);
    AllocateSocialWorker(f, c, social_worker, kTeamManager, referral);
    if (abuse) {
      Chronology(f, c, social_worker, SensitivityTier::kSensitive, referral, "Police notification of domestic abuse",
                 "Police domestic abuse notification: officers attended the family home after a neighbour called 999. "
                 "{name} was in the house at the time. {father} was arrested and later released on bail.",
                 {SourceKind::kOtherAgency, "Kestrelshire Police", "domestic abuse officer"});
    } else {
      Referral(f, c, social_worker, referral);
    }
    if (protection) {
      Concern(f, c, ConcernAuthor(c), After(referral, 0, 2), PickConcern(c, abuse));
      Chronology(f, c, social_worker, SensitivityTier::kSensitive, strategy, "Strategy discussion held",
                 "Strategy discussion with the police and health. Agreed the threshold is met for enquiries under "
                 "section 47; {name} to be seen alone within 24 hours.");
      Chronology(f, c, social_worker, SensitivityTier::kSensitive, conference, "Initial child protection conference",
                 "Initial child protection conference. {name} was made the subject of a child protection plan under "
                 "the category of {category}. First core group set for ten working days' time.");
      if (i == 0 && letter_due_) {
        letter_due_ = false;
        const PlannedPerson& m = f.people[mother];
        RecordContent letter;
        letter.summary = Fill("Letter inviting {mother} to the initial child protection conference", c.facts);
        const std::string body = ConferenceLetter(c.facts, m.details);
        Secret(kNoteTexts, body);
        letter.attachment =
            domain::Attachment{"conference_invitation.txt", "text/plain", Bytes(body.begin(), body.end())};
        Add(f, c, social_worker, RecordKind::kAttachment, SensitivityTier::kSensitive, After(strategy, 2, 5),
            std::move(letter));
      }
      const UnixMicros first_visit = After(conference, 3, 10);
      Note(f, c, social_worker, SensitivityTier::kSensitive, first_visit, "Child protection visit",
           dice_.Pick(kChildProtectionVisits));
      Chronology(f, c, social_worker, SensitivityTier::kGeneral, After(conference, 10, 14), "Core group meeting",
                 "Core group meeting. Actions from the plan reviewed: {mother} attending parenting sessions; school "
                 "attendance up; GP appointment for {name} kept.");
      if (abuse) {
        Chronology(f, c, social_worker, SensitivityTier::kSensitive, After(referral, 14, 40),
                   "Non-molestation order made",
                   "The Family Court made a non-molestation order protecting {mother} and the children. {name}'s "
                   "address and nursery or school are not to be disclosed to {father}.");
      }
      Chronology(f, c, social_worker, SensitivityTier::kSensitive, After(conference, 88, 95),
                 "Review child protection conference",
                 "Review child protection conference. Some progress, but the risks in the plan remain; {name} stays "
                 "subject to a child protection plan under the category of {category}.");
      if (c.age >= 5 && dice_.Percent(50)) {
        Concern(f, c, ConcernAuthor(c), After(conference, 30, 300), PickConcern(c, abuse));
      }
      Note(f, c, social_worker, SensitivityTier::kSensitive, Recent(first_visit), "Child protection visit",
           dice_.Pick(kChildProtectionVisits));
    } else {
      if (i == 0 && anonymous_due_) {
        anonymous_due_ = false;
        Chronology(f, c, social_worker, SensitivityTier::kRestricted, After(referral, 30, 200),
                   "Anonymous call about the family",
                   "An anonymous caller, who would not give a name or say how they know the family, reported hearing "
                   "shouting and a young child crying for long periods late at night. The caller asked that nobody "
                   "tell {mother} that anyone had rung.",
                   {SourceKind::kAnonymousThirdParty, "", "caller would not give a name"});
      } else if (i == 0 && dice_.Percent(30)) {
        const std::string neighbour(dice_.Pick(kNeighbourNames));
        Secret(kNames, neighbour);
        Chronology(f, c, social_worker, SensitivityTier::kSensitive, After(referral, 30, 200),
                   "Neighbour rang with concerns",
                   "A neighbour rang the duty line to say the children had been left alone in the flat the previous "
                   "evening, from about 19:00 until after 22:00. She agreed to be named and said she would speak to "
                   "the social worker again if needed.",
                   {SourceKind::kThirdParty, neighbour, "neighbour"});
      }
      Chronology(f, c, social_worker, SensitivityTier::kGeneral, assessment, "Child and family assessment completed",
                 "Child and family assessment completed. {name} is a child in need under section 17 of the Children "
                 "Act 1989. Plan: family support worker twice a week, help with housing, and a parenting course for "
                 "{mother}.");
      Note(f, c, social_worker, SensitivityTier::kSensitive, After(referral, 5, 20), "Home visit",
           dice_.Pick(kHomeVisits));
      Chronology(f, c, social_worker, SensitivityTier::kGeneral, After(assessment, 60, 90),
                 "Child in need review meeting",
                 "Child in need review meeting with {mother}, school and the family support worker. Progress noted "
                 "with routines; plan to continue for three months.");
      if (dice_.Percent(50)) {
        Note(f, c, social_worker, SensitivityTier::kSensitive, After(assessment, 20, 120), "Home visit",
             dice_.Pick(kHomeVisits));
      }
      if (dice_.Percent(25)) Concern(f, c, ConcernAuthor(c), After(referral, 30, 300), PickConcern(c, false));
      Note(f, c, social_worker, SensitivityTier::kSensitive, Recent(assessment), "Home visit", dice_.Pick(kHomeVisits));
    }
  }
}

void Planner::PlanLookedAfterFamily(PlannedFamily& f) {
  const Household birth_home = NewHousehold();
  const Household foster_home = NewHousehold();
  const std::string surname = PickFamilyName();
  const bool home_authority = dice_.Percent(75);
  const std::string authority(home_authority ? kHomeAuthority : dice_.Pick(kOtherAuthorities));
  domain::ChildStatus status;
  status.looked_after = true;
  status.looked_after_by = authority;
  std::vector<ChildPlan> kids;
  for (int64_t age : ChildAges(60, 17 * 365 + 300, 2)) AddChild(f, kids, surname, age, foster_home, status);
  int eldest = 0;
  UnixMicros youngest_born = 0;
  for (const ChildPlan& c : kids) {
    eldest = std::max(eldest, c.age);
    youngest_born = std::max(youngest_born, c.born_at);
  }

  const int mother_age = eldest + static_cast<int>(dice_.Between(17, 33));
  const std::string mother_given(dice_.Pick(kWomenNames));
  const size_t mother = AddAdult(f, true, mother_given, surname, mother_age, &birth_home);
  std::optional<size_t> father;
  std::string father_given;
  if (dice_.Percent(65)) {
    father_given = std::string(dice_.Pick(kMenNames));
    father = AddAdult(f, false, father_given, PickFamilyName(), mother_age + static_cast<int>(dice_.Between(-2, 10)),
                      nullptr);
  }
  const std::string carer_surname = PickFamilyName();
  const std::string carer1(dice_.Pick(kWomenNames));
  const size_t foster1 =
      AddAdult(f, true, carer1, carer_surname, static_cast<int>(dice_.Between(35, 64)), &foster_home);
  std::optional<size_t> foster2;
  std::string carer_names = carer1;
  if (dice_.Percent(60)) {
    const std::string carer2(dice_.Pick(kMenNames));
    foster2 = AddAdult(f, false, carer2, carer_surname, static_cast<int>(dice_.Between(35, 66)), &foster_home);
    carer_names += " and " + carer2;
  }
  const bool care_order = dice_.Percent(60);
  const std::string withheld =
      "Placement address withheld from birth parents under the care plan agreed at the "
      "looked-after review. Family time is supervised at the family centre.";
  for (ChildPlan& c : kids) {
    c.facts.mother = mother_given;
    c.facts.father = father ? father_given : mother_given + "'s partner";
    c.facts.carer = carer_names;
    c.facts.la = authority;
    Relate(f, c.index, mother, RelationshipKind::kMother, true, false,
           {Restriction::kMustNotKnowAddress, Restriction::kSupervisedContactOnly}, withheld);
    if (father) {
      Relate(f, c.index, *father, RelationshipKind::kFather, dice_.Percent(60), false,
             {Restriction::kMustNotKnowAddress, Restriction::kSupervisedContactOnly}, withheld);
    }
    // Foster carers care for the child day to day but do not hold parental responsibility.
    Relate(f, c.index, foster1, RelationshipKind::kFosterCarer, false, true);
    if (foster2) Relate(f, c.index, *foster2, RelationshipKind::kFosterCarer, false, true);
  }
  RelateSiblings(f, kids);

  // Visits within a week of placement and then at least every six weeks; the first review within
  // 20 working days; the health assessment within 20 working days.
  const size_t social_worker = dice_.Percent(50) ? kSocialWorkerCare1 : kSocialWorkerCare2;
  const UnixMicros became = Start(youngest_born);
  for (size_t i = 0; i < kids.size(); ++i) {
    ChildPlan& c = kids[i];
    AllocateSocialWorker(f, c, social_worker, kTeamManager, became);
    f.allocations.push_back({c.index, kSupervisingSocialWorker, kTeamManager, AllocationRole::kSupervisingSocialWorker,
                             became, std::nullopt});
    Chronology(f, c, social_worker, SensitivityTier::kSensitive, became, "Became looked after",
               care_order ? "The Family Court made an interim care order; {la} now shares parental responsibility "
                            "for {name} with the parents."
                          : "{name} became looked after under section 20 of the Children Act 1989, with {mother}'s "
                            "written agreement.");
    Chronology(f, c, social_worker, SensitivityTier::kSensitive, became + dice_.Between(60, 300) * kMicrosPerMinute,
               "Placed with foster carers",
               "{name} was placed with foster carers {carer}. The placement address is not to be shared with the "
               "birth family.");
    const UnixMicros first_visit = After(became, 3, 7);
    Note(f, c, social_worker, SensitivityTier::kSensitive, first_visit, "Statutory visit",
         dice_.Pick(kStatutoryVisits));
    Chronology(f, c, social_worker, SensitivityTier::kGeneral, After(became, 14, 28),
               "Initial health assessment completed",
               "Initial health assessment completed by the looked-after children's nurse. Immunisations up to date; "
               "dental check booked.");
    Chronology(f, c, social_worker, SensitivityTier::kGeneral, After(became, 18, 27), "Looked-after review",
               "Looked-after review chaired by the independent reviewing officer. Care plan endorsed; family time "
               "with {mother} to stay at once a fortnight, supervised.");
    Note(f, c, social_worker, SensitivityTier::kSensitive, After(became, 7, 21), "Family time observed",
         "Supervised family time at the family centre. {mother} arrived ten minutes late and brought snacks. {name} "
         "ran to her and they played a board game. At the end {name} cried and did not want to leave. Analysis: the "
         "relationship is warm; {name} needs help with endings, which the foster carers will support.");
    if (c.age >= 12 && dice_.Percent(60)) {
      Concern(f, c, social_worker, After(became, 60, 400), ConcernKind::kMissing);
    } else if (dice_.Percent(50)) {
      Note(f, c, social_worker, SensitivityTier::kSensitive, After(became, 35, 42), "Statutory visit",
           dice_.Pick(kStatutoryVisits));
    }
    if (i == 0 && drawing_due_ && c.age >= 3) {
      drawing_due_ = false;
      RecordContent drawing;
      drawing.summary = Fill("{name}'s drawing of {poss} family, from direct work", c.facts);
      drawing.text =
          Fill("{name} drew this during a direct-work session and asked for it to be kept on file.", c.facts);
      drawing.attachment = domain::Attachment{"drawing_my_family.png", "image/png",
                                              Bytes(std::begin(kDrawingPng), std::end(kDrawingPng))};
      drawing.source = {SourceKind::kChild, "", "the child"};
      Add(f, c, social_worker, RecordKind::kAttachment, SensitivityTier::kSensitive, After(became, 14, 200),
          std::move(drawing));
    }
    Note(f, c, social_worker, SensitivityTier::kSensitive, Recent(first_visit), "Statutory visit",
         dice_.Pick(kStatutoryVisits));
  }
}

void Planner::PlanKinshipFamily(PlannedFamily& f) {
  const Household home = NewHousehold();
  const std::string surname = PickFamilyName();
  domain::ChildStatus status;
  status.child_in_need = dice_.Percent(50);
  std::vector<ChildPlan> kids;
  for (int64_t age : ChildAges(2 * 365, 15 * 365, 2)) AddChild(f, kids, surname, age, home, status);
  int eldest = 0;
  UnixMicros youngest_born = 0;
  for (const ChildPlan& c : kids) {
    eldest = std::max(eldest, c.age);
    youngest_born = std::max(youngest_born, c.born_at);
  }
  const int mother_age = eldest + static_cast<int>(dice_.Between(17, 30));
  const std::string nan(dice_.Pick(kGrandmotherNames));
  const size_t grandmother =
      AddAdult(f, true, nan, surname, mother_age + static_cast<int>(dice_.Between(18, 26)), &home);
  std::optional<size_t> grandfather;
  if (dice_.Percent(50)) {
    grandfather = AddAdult(f, false, dice_.Pick(kGrandfatherNames), surname,
                           mother_age + static_cast<int>(dice_.Between(20, 30)), &home);
  }
  const std::string mother_given(dice_.Pick(kWomenNames));
  const Household mothers_home = NewHousehold();
  const size_t mother = AddAdult(f, true, mother_given, surname, mother_age, &mothers_home);
  const std::string sgo =
      "Special guardianship order made by the Family Court at Kestrelbury: parental responsibility shared with the "
      "parents, and exercisable to the exclusion of theirs.";
  for (ChildPlan& c : kids) {
    c.facts.mother = mother_given;
    c.facts.father = mother_given + "'s partner";
    c.facts.carer = nan;
    Relate(f, c.index, grandmother, RelationshipKind::kCarer, true, true, {}, "Maternal grandmother. " + sgo);
    if (grandfather)
      Relate(f, c.index, *grandfather, RelationshipKind::kCarer, true, true, {}, "Maternal grandfather. " + sgo);
    Relate(f, c.index, mother, RelationshipKind::kMother, true, false, {Restriction::kSupervisedContactOnly},
           "Contact supervised by the special guardians, as set out in the order.");
  }
  RelateSiblings(f, kids);

  const UnixMicros order = Start(youngest_born);
  const size_t worker = status.child_in_need ? static_cast<size_t>(dice_.Between(kSocialWorkerA1, kSocialWorkerA3))
                                             : static_cast<size_t>(kFamilySupportWorker);
  for (ChildPlan& c : kids) {
    if (status.child_in_need) {
      AllocateSocialWorker(f, c, worker, kTeamManager, order);
    } else {
      f.allocations.push_back({c.index, worker, kTeamManager, AllocationRole::kOther, order, std::nullopt});
    }
    Chronology(f, c, worker, SensitivityTier::kGeneral, order, "Special guardianship order made",
               "The Family Court made a special guardianship order in favour of {name}'s maternal grandparents. "
               "Special guardianship support plan agreed.");
    Note(f, c, worker, SensitivityTier::kGeneral, After(order, 30, 90), "Support visit to the special guardians",
         "Support visit to {carer}. {name} was seen and showed me {poss} school reading book. {carer} is tired and "
         "asked about respite and help with the costs of school uniform; referred to the special guardianship "
         "support team. Family time with {mother} is going well, once a month.");
    if (dice_.Percent(60)) {
      Chronology(f, c, worker, SensitivityTier::kGeneral, After(order, 300, 370),
                 "Special guardianship support plan reviewed",
                 "Support plan reviewed with {carer}. Financial allowance confirmed; a support group for kinship "
                 "carers recommended.");
    }
  }
}

PlannedFamily Planner::PlanFamily() {
  if (block_.empty()) {
    block_.assign(std::begin(kBlock), std::end(kBlock));
    dice_.Shuffle(block_);
    // Attachments are few: a letter in one block, a drawing in the next.
    letter_due_ = blocks_ % 2 == 0;
    drawing_due_ = blocks_ % 2 == 1;
    anonymous_due_ = true;
    ++blocks_;
  }
  const CaseType type = block_.back();
  block_.pop_back();
  PlannedFamily f;
  switch (type) {
    case CaseType::kNursery:
      PlanNurseryFamily(f);
      break;
    case CaseType::kChildInNeed:
    case CaseType::kChildProtection:
    case CaseType::kDomesticAbuse:
      PlanStatutoryFamily(f, type);
      break;
    case CaseType::kLookedAfter:
      PlanLookedAfterFamily(f);
      break;
    case CaseType::kKinship:
      PlanKinshipFamily(f);
      break;
  }
  // Written in the order things happened, so record ids follow the chronology.
  std::stable_sort(f.records.begin(), f.records.end(),
                   [](const PlannedRecord& a, const PlannedRecord& b) { return a.occurred_at < b.occurred_at; });
  RecordSecrets(f);
  return f;
}

// Looked after from 1951 to 1966, born in 1948: her record's 75th-birthday destruction date is
// long past. Her details were never updated when she left care (they still say looked after), as
// with many files scanned from paper. Planned after every family, so they are the same as without
// her. The scanned file gave no NHS number, so checks by NHS number, which expect a child under
// 18, never meet her.
PlannedFamily Planner::PlanCareLeaver() {
  PlannedFamily f;
  PlannedPerson p;
  p.kind = PersonKind::kChild;
  PersonDetails& d = p.details;
  d.given_names = "Dorothy May";
  d.family_name = "Ashcombe";
  d.gender = "Female";
  d.date_of_birth = CivilDate{1948, 5, 14};
  d.status.looked_after = true;
  d.status.looked_after_by = std::string(kHomeAuthority);
  d.la_child_id = "KB" + std::to_string(400000 + ++la_ids_);
  Secret(kNames, d.given_names + " " + d.family_name);
  f.people.push_back(std::move(p));
  ++children_;

  PlannedRecord r;
  r.child = 0;
  r.author = kSocialWorkerCare1;
  r.kind = RecordKind::kChronologyEntry;
  r.tier = SensitivityTier::kSensitive;
  r.occurred_at = WorkingTime(now_ - 400 * kMicrosPerDay, now_ - 390 * kMicrosPerDay);
  r.content.summary = "Paper case file scanned from the archive";
  r.content.text = "The paper file from the county archive was scanned and added to Confide: placements in children's "
                   "homes and foster care from 1951 to 1966, when she left care. The originals went back to the archive.";
  f.records.push_back(std::move(r));
  RecordSecrets(f);
  return f;
}

void Planner::ContentSecrets(const RecordContent& c) {
  Secret(kNoteTexts, c.summary);
  Secret(kNoteTexts, c.text);
  Secret(kNames, c.source.name);
  if (c.concern) {
    for (const auto* list : {&c.concern->what_happened, &c.concern->injuries_observed, &c.concern->action_taken}) {
      for (const Statement& s : *list) Secret(kNoteTexts, s.text);
    }
    Secret(kNoteTexts, c.concern->where);
    Secret(kNoteTexts, c.concern->who_was_present);
    Secret(kNoteTexts, c.concern->childs_words);
  }
}

void Planner::RecordSecrets(const PlannedFamily& f) {
  for (const PlannedRecord& r : f.records) {
    ContentSecrets(r.content);
    for (const PlannedAmendment& a : r.amendments) {
      ContentSecrets(a.content);
      Secret(kNoteTexts, a.reason);
    }
  }
}

// ---- writing ------------------------------------------------------------------------------------

// The consent a family gives at registration or at the first visit (the guidance's "consent forms
// signed at registration", "parent signatures on forms giving consent to share information about
// additional needs"): a parent with parental responsibility, for sharing with health and the
// school for the child's care and support. Most are written; some verbal, noted on the file; in one
// family in eight a second parent with parental responsibility refuses (separated parents who
// disagree).
void AddConsent(const PlannedRelationship& r, const std::vector<domain::PersonId>& ids, size_t n, UnixMicros when,
                std::vector<sharing::ConsentRecord>& out) {
  sharing::ConsentRecord c;
  c.subject_id = ids[r.child];
  c.given_by_id = ids[r.person];
  c.capacity = sharing::ConsentCapacity::kParentWithPR;
  c.purposes = {"care_and_support", "transfer_on_move"};
  c.recipients = {sharing::RecipientKind::kHealth, sharing::RecipientKind::kSchool};
  c.categories = {"identity", "contact_details", "health", "education", "development"};
  c.explained = {true, true, true, true, true};
  c.voluntary = true;
  c.method = n % 4 == 3 ? sharing::ConsentMethod::kVerbal : sharing::ConsentMethod::kWritten;
  c.evidence = c.method == sharing::ConsentMethod::kWritten ? "Registration consent form, signed, in the child's file"
                                                            : "Agreed on the phone; noted in the case record the same day";
  c.given_at = when;
  c.privacy_notice_version = "2025-09";
  out.push_back(c);
}

std::vector<sharing::ConsentRecord> PlanConsents(const PlannedFamily& f, const std::vector<domain::PersonId>& ids, size_t family) {
  std::vector<sharing::ConsentRecord> out;
  for (size_t child = 0; child < f.people.size(); ++child) {
    if (f.people[child].kind != PersonKind::kChild) continue;
    std::vector<const PlannedRelationship*> parents;
    for (const PlannedRelationship& r : f.relationships) {
      if (r.child == child && r.details.parental_responsibility && f.people[r.person].kind == PersonKind::kAdult) parents.push_back(&r);
    }
    // Two families in three have a consent on file; the first allocation's start dates it.
    if (parents.empty() || (family + child) % 3 == 2) continue;
    UnixMicros when = 0;
    for (const PlannedAllocation& a : f.allocations) {
      if (a.child == child && (when == 0 || a.starts_at < when)) when = a.starts_at;
    }
    if (when == 0) continue;
    AddConsent(*parents[0], ids, family + child, when, out);
    if (parents.size() > 1 && family % 8 == 5) {
      sharing::ConsentRecord refusal = out.back();
      refusal.given_by_id = ids[parents[1]->person];
      refusal.refused = true;
      refusal.privacy_notice_version.clear();
      refusal.evidence = "Said on the phone that they do not agree to information going to the school; noted the same day";
      out.push_back(refusal);
    }
  }
  return out;
}

Status WriteFamily(BatchWriter& w, const std::vector<domain::StaffId>& staff, const PlannedFamily& f, size_t family, DemoSummary& n) {
  // People and relationships are entered by business support, allocations by the manager who made
  // them, and each record by the member of staff who wrote it.
  CONFIDE_RETURN_IF_ERROR(w.ActAs(staff[kBusinessSupport]));
  std::vector<domain::PersonId> ids;
  for (const PlannedPerson& p : f.people) {
    CONFIDE_ASSIGN_OR_RETURN(domain::PersonId id, w.AddPerson(p.kind, p.details));
    ids.push_back(id);
    ++(p.kind == PersonKind::kChild ? n.children : n.adults);
  }
  for (const PlannedRelationship& r : f.relationships) {
    CONFIDE_RETURN_IF_ERROR(w.AddRelationship(ids[r.child], ids[r.person], r.details).status());
    ++n.relationships;
  }
  for (const PlannedAllocation& a : f.allocations) {
    CONFIDE_RETURN_IF_ERROR(w.ActAs(staff[a.created_by]));
    domain::Allocation allocation;
    allocation.child_id = ids[a.child];
    allocation.staff_id = staff[a.staff];
    allocation.role = a.role;
    allocation.team = std::string(kStaffSpecs[a.staff].team);
    allocation.starts_at = a.starts_at;
    allocation.ends_at = a.ends_at;
    CONFIDE_RETURN_IF_ERROR(w.Allocate(allocation).status());
    ++n.allocations;
  }
  // Consent is recorded by the first member of staff allocated to the child.
  for (const sharing::ConsentRecord& c : PlanConsents(f, ids, family)) {
    size_t recorder = kBusinessSupport;
    for (const PlannedAllocation& a : f.allocations) {
      if (ids[a.child] == c.subject_id) {
        recorder = a.staff;
        break;
      }
    }
    CONFIDE_RETURN_IF_ERROR(w.ActAs(staff[recorder]));
    CONFIDE_RETURN_IF_ERROR(w.RecordConsent(c).status());
    ++n.consents;
  }
  for (const PlannedRecord& r : f.records) {
    CONFIDE_RETURN_IF_ERROR(w.ActAs(staff[r.author]));
    RecordDraft draft;
    draft.person_id = ids[r.child];
    draft.kind = r.kind;
    draft.tier = r.tier;
    draft.occurred_at = r.occurred_at;
    draft.content = r.content;
    CONFIDE_ASSIGN_OR_RETURN(domain::RecordId id, w.AddRecord(draft));
    ++n.records;
    if (r.kind == RecordKind::kSafeguardingConcern) ++n.concerns;
    if (r.kind == RecordKind::kAttachment) ++n.attachments;
    domain::VersionNumber version = 1;
    for (const PlannedAmendment& a : r.amendments) {
      CONFIDE_RETURN_IF_ERROR(w.ActAs(staff[a.author]));
      RecordAmendment amendment;
      amendment.record_id = id;
      amendment.expected_current = version;
      amendment.tier = a.tier;
      amendment.occurred_at = a.occurred_at;
      amendment.content = a.content;
      amendment.reason = a.reason;
      CONFIDE_ASSIGN_OR_RETURN(version, w.AmendRecord(amendment));
      ++n.amendments;
    }
  }
  return w.ActAs(domain::kSystemActor);
}

void AddCounts(DemoSummary& total, const DemoSummary& n) {
  total.staff += n.staff;
  total.children += n.children;
  total.adults += n.adults;
  total.relationships += n.relationships;
  total.allocations += n.allocations;
  total.records += n.records;
  total.concerns += n.concerns;
  total.amendments += n.amendments;
  total.attachments += n.attachments;
  total.consents += n.consents;
}

}  // namespace

Status LoadDemoOrganisation(Vault& vault, uint64_t seed, DemoSummary* summary, DemoSecrets* secrets,
                            const std::function<void(size_t, size_t)>& progress) {
  DemoSummary local_summary;
  DemoSecrets local_secrets;
  DemoSummary& total = summary != nullptr ? *summary : local_summary;
  DemoSecrets& written = secrets != nullptr ? *secrets : local_secrets;
  total = {};
  written = {};
  Planner planner(seed, written);

  const std::vector<PlannedStaff> staff = planner.PlanStaff();
  std::vector<domain::StaffId> staff_ids;
  CONFIDE_RETURN_IF_ERROR(vault.Batch(domain::kSystemActor, [&](BatchWriter& w) -> Status {
    staff_ids.clear();
    for (const PlannedStaff& s : staff) {
      CONFIDE_ASSIGN_OR_RETURN(domain::StaffId id, w.AddStaff(s.role, s.team, s.details));
      staff_ids.push_back(id);
    }
    // Every course the catalogue requires of each role, its expiry from the course's refresher
    // interval: without confidentiality training the access policy lets nobody see personal data.
    // The volunteer's confidentiality refresher has lapsed, to show the training gate, and the
    // safeguarding of every seventh member of staff lapses within the month, to show the report.
    const UnixMicros now = vault.clock().NowMicros();
    constexpr UnixMicros kDay = int64_t{86400} * 1000000;
    std::vector<domain::StaffId> everyone = staff_ids;
    everyone.insert(everyone.begin(), 1);  // the administrator Vault::Init created
    for (size_t i = 0; i < everyone.size(); ++i) {
      const domain::StaffRole role = i == 0 ? domain::StaffRole::kAdministrator : staff[i - 1].role;
      const bool lapsed = role == domain::StaffRole::kVolunteer;
      for (const governance::Course& course : vault.governance_policy().training.courses) {
        if (!course.RequiredOf(role)) continue;
        int64_t days_ago = 30 + 7 * static_cast<int64_t>(i % 40);
        if (lapsed && course.id == domain::kCourseConfidentiality) days_ago = 400;
        if (i % 7 == 2 && course.id == "safeguarding") days_ago = 36 * 30 + 5;
        CONFIDE_RETURN_IF_ERROR(
            w.RecordTraining({0, everyone[i], course.id, now - days_ago * kDay, std::nullopt, 0, 0}).status());
      }
    }
    // Everyone has acknowledged the confidentiality policy in force, when there is one, except
    // every fifth member of staff, who is still in time: the training report shows them as due.
    if (vault.governance_policy().confidentiality_policy) {
      for (size_t i = 0; i < everyone.size(); ++i) {
        if (i % 5 == 3) continue;
        CONFIDE_RETURN_IF_ERROR(w.LoadAcknowledgement(everyone[i], now - static_cast<int64_t>(1 + i % 10) * kDay).status());
      }
    }
    return Status::Ok();
  }));
  total.staff = staff_ids.size();

  planner.SetNow(vault.clock().NowMicros());

  size_t family_number = 0;  // picks, reproducibly, which families have a consent on file
  while (planner.children() < kTargetChildren) {
    std::vector<PlannedFamily> families;
    while (families.size() < kFamiliesPerBatch && planner.children() < kTargetChildren) {
      families.push_back(planner.PlanFamily());
    }
    DemoSummary batch;
    CONFIDE_RETURN_IF_ERROR(vault.Batch(domain::kSystemActor, [&](BatchWriter& w) -> Status {
      batch = {};
      for (const PlannedFamily& f : families) CONFIDE_RETURN_IF_ERROR(WriteFamily(w, staff_ids, f, family_number++, batch));
      return Status::Ok();
    }));
    AddCounts(total, batch);
    if (progress) progress(total.children, kTargetChildren);
  }
  CONFIDE_RETURN_IF_ERROR(SeedDemoSharingRegister(
      vault, {staff_ids[kSocialWorkerA1], staff_ids[kSafeguardingLead], staff_ids[kDataProtectionOfficer]}, seed, total));
  // Last, so every id before hers is what it was before she was added.
  const PlannedFamily care_leaver = planner.PlanCareLeaver();
  DemoSummary batch;
  CONFIDE_RETURN_IF_ERROR(vault.Batch(domain::kSystemActor, [&](BatchWriter& w) -> Status {
    batch = {};
    return WriteFamily(w, staff_ids, care_leaver, family_number++, batch);
  }));
  AddCounts(total, batch);
  return Status::Ok();
}

}  // namespace confide::service
