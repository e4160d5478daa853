// Advice without identity: a case note with the child, her mother and their identifiers in it,
// pseudonymised; identifier-shaped text nobody told Confide about; words that merely contain a
// name; and generated notes in which no known identifier survives.
#include <gtest/gtest.h>

#include <random>

#include "sharing/pseudonymise.h"

namespace confide::sharing {
namespace {

std::vector<PersonToHide> Family() {
  PersonToHide child;
  child.role = "child";
  child.names = {"Ava", "Rose", "Example", "Avie"};
  child.date_of_birth = domain::CivilDate{2019, 3, 27};
  child.address = "14 Larch Close, Kestrelbury";
  child.postcode = "KB3 9TQ";
  child.nhs_number = "943 476 5919";
  PersonToHide mother;
  mother.role = "mother";
  mother.names = {"Jade", "Example"};
  mother.phone = "+44 7700 900123";
  mother.email = "jade.example@example.net";
  return {child, mother};
}

bool Contains(const std::string& text, std::string_view needle) {
  std::string lower_text, lower_needle;
  for (char c : text) lower_text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char c : needle) lower_needle += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower_text.find(lower_needle) != std::string::npos;
}

TEST(PseudonymiseTest, ACaseNoteLosesEveryoneAndTheirIdentifiers) {
  const std::string note =
      "Home visit to Ava Example (DOB 27/03/2019, NHS 943 476 5919) at 14 Larch Close, Kestrelbury KB3 9TQ. "
      "Ava's mother Jade said AVIE had been 'clingy'. Jade can be reached on 07700 900123 or "
      "jade.example@example.net. Ava was born on 27 March 2019; seen again on 2 December 2026.";
  const Pseudonymised p = Pseudonymise(note, Family());
  for (std::string_view gone : {"Ava", "Example", "Avie", "Jade", "27/03/2019", "943 476 5919", "Larch Close", "Kestrelbury",
                                "KB3 9TQ", "07700 900123", "jade.example", "27 March 2019"}) {
    EXPECT_FALSE(Contains(p.text, gone)) << gone << " in: " << p.text;
  }
  EXPECT_NE(p.text.find("Home visit to [child] (DOB [date of birth], NHS [NHS number]) at [address] [postcode]."), std::string::npos)
      << p.text;
  EXPECT_NE(p.text.find("[child]'s mother [mother] said [child] had been 'clingy'"), std::string::npos) << p.text;
  EXPECT_NE(p.text.find("on [phone] or [email]."), std::string::npos) << p.text;
  EXPECT_NE(p.text.find("seen again on 2 December 2026."), std::string::npos) << "other dates stay: " << p.text;
  EXPECT_GE(p.replacements, 12u);
}

TEST(PseudonymiseTest, IdentifierShapesAreCaughtWhoeverTheyBelongTo) {
  const Pseudonymised p = Pseudonymise(
      "The neighbour (ring 0161 496 0000, or +44 20 7946 0000; email n.bour@mail.example.org.) lives at M60 1NW, "
      "near SW1A 1AA; her NHS number is 4010232137 and a reference 12345678901234.",
      {});
  EXPECT_EQ(p.text,
            "The neighbour (ring [phone], or [phone]; email [email].) lives at [postcode], near [postcode]; her NHS number is "
            "[NHS number] and a reference [number].");
}

TEST(PseudonymiseTest, WordsThatOnlyContainANameAreLeftAlone) {
  const Pseudonymised p = Pseudonymise("Avalon is available; Jaded examples. Roses grew. Ava-Rose came.", Family());
  EXPECT_EQ(p.text, "Avalon is available; Jaded examples. Roses grew. [child]-[child] came.");
  EXPECT_EQ(Pseudonymise("Meeting at 10:30 on 4 December, room 12, 3 children.", Family()).text,
            "Meeting at 10:30 on 4 December, room 12, 3 children.");
}

TEST(PseudonymiseTest, NoKnownIdentifierSurvivesInGeneratedNotes) {
  const auto family = Family();
  const std::vector<std::string> identifiers = {"Ava", "ava", "AVA", "Rose", "Example", "Avie", "Jade", "27/03/2019", "2019-03-27",
                                                "27th March 2019", "27/3/19", "943 476 5919", "9434765919", "14 Larch Close",
                                                "Kestrelbury", "KB3 9TQ", "KB39TQ", "07700 900123", "07700900123",
                                                "+44 7700 900123", "jade.example@example.net"};
  const std::vector<std::string> filler = {"the", "visit", "said", "(", ")", ",", ".", "school", "and", "'s", "\n", "-", "on", ":"};
  std::mt19937 rng(5);
  for (int n = 0; n < 2000; ++n) {
    std::string note;
    std::vector<std::string> used;
    for (int w = 0; w < 25; ++w) {
      if (rng() % 3 == 0) {
        // An identifier stands as a word of its own (one glued to another word is not a word).
        used.push_back(identifiers[rng() % identifiers.size()]);
        note += " " + used.back() + " ";
      } else {
        note += filler[rng() % filler.size()];
        note += (rng() % 4 == 0) ? "" : " ";
      }
    }
    const Pseudonymised p = Pseudonymise(note, family);
    for (const std::string& id : used) EXPECT_FALSE(Contains(p.text, id)) << id << " survived in: " << p.text << "\nfrom: " << note;
  }
}

}  // namespace
}  // namespace confide::sharing
