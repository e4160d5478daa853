#include "domain/name_matching.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace confide::domain {
namespace {

std::vector<std::string_view> Variants(const GivenNameGroup& group) {
  std::vector<std::string_view> out;
  std::string_view rest = group.variants;
  while (!rest.empty()) {
    const size_t space = rest.find(' ');
    out.push_back(rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  return out;
}

TEST(NormaliseNameTest, LowerCasesAscii) {
  EXPECT_EQ(NormaliseName("SMITH"), "smith");
  EXPECT_EQ(NormaliseName("Amelia"), "amelia");
  EXPECT_EQ(NormaliseName("amelia"), "amelia");
}

TEST(NormaliseNameTest, DropsApostrophesHyphensFullStopsAndWhitespace) {
  EXPECT_EQ(NormaliseName("O'Brien"), "obrien");
  EXPECT_EQ(NormaliseName("OBrien"), "obrien");
  EXPECT_EQ(NormaliseName("Smith-Jones"), "smithjones");
  EXPECT_EQ(NormaliseName("Smith Jones"), "smithjones");
  EXPECT_EQ(NormaliseName("smithjones"), "smithjones");
  EXPECT_EQ(NormaliseName("  Smith \t Jones\r\n"), "smithjones");
  EXPECT_EQ(NormaliseName("St. John"), "stjohn");
  EXPECT_EQ(NormaliseName("Smith, (Jones)!"), "smithjones");
  EXPECT_EQ(NormaliseName("{Smith|Jones}~\x7f"), "smithjones");
}

TEST(NormaliseNameTest, DropsTypographicPunctuationAndSpaces) {
  EXPECT_EQ(NormaliseName("O\u2019Brien"), "obrien");          // right single quotation mark
  EXPECT_EQ(NormaliseName("O\u02BCBrien"), "obrien");          // modifier letter apostrophe
  EXPECT_EQ(NormaliseName("O\u00B4Brien"), "obrien");          // acute accent typed as apostrophe
  EXPECT_EQ(NormaliseName("O`Brien"), "obrien");
  EXPECT_EQ(NormaliseName("Smith\u2013Jones"), "smithjones");  // en dash
  EXPECT_EQ(NormaliseName("Smith\u2010Jones"), "smithjones");  // Unicode hyphen
  EXPECT_EQ(NormaliseName("Smith\u2212Jones"), "smithjones");  // minus sign
  EXPECT_EQ(NormaliseName("Smith\u00A0Jones"), "smithjones");  // no-break space
  EXPECT_EQ(NormaliseName("Smith\u3000Jones"), "smithjones");  // ideographic space
  EXPECT_EQ(NormaliseName("\uFEFFSmith\u200B"), "smith");     // byte-order mark, zero-width space
  EXPECT_EQ(NormaliseName("Smith\uFE0F"), "smith");            // variation selector
}

TEST(NormaliseNameTest, FoldsLatinAccentsToBaseLetters) {
  EXPECT_EQ(NormaliseName("Zoë"), "zoe");
  EXPECT_EQ(NormaliseName("Chloé"), "chloe");
  EXPECT_EQ(NormaliseName("ÉLODIE"), "elodie");
  EXPECT_EQ(NormaliseName("Müller"), "muller");
  EXPECT_EQ(NormaliseName("Núñez"), "nunez");
  EXPECT_EQ(NormaliseName("François"), "francois");
  EXPECT_EQ(NormaliseName("Łukasz Wałęsa"), "lukaszwalesa");
  EXPECT_EQ(NormaliseName("Dvořák"), "dvorak");
  EXPECT_EQ(NormaliseName("Gößmann"), "gossmann");
  EXPECT_EQ(NormaliseName("Ærøskøbing"), "aeroskobing");
  EXPECT_EQ(NormaliseName("Œdipe"), "oedipe");
  EXPECT_EQ(NormaliseName("Þórr"), "thorr");
  EXPECT_EQ(NormaliseName("Ÿvette ÿ"), "yvettey");
  EXPECT_EQ(NormaliseName("Şahin Öztürk"), "sahinozturk");
  EXPECT_EQ(NormaliseName("İlkay ılgaz"), "ilkayilgaz");
  EXPECT_EQ(NormaliseName("Ștefan Țurcanu"), "stefanturcanu");  // Romanian comma below
  EXPECT_EQ(NormaliseName("Şerban Ţepeş"), "serbantepes");      // and the cedilla forms
  EXPECT_EQ(NormaliseName("Ĳsselmeer"), "ijsselmeer");
  EXPECT_EQ(NormaliseName("ſ"), "s");
  EXPECT_EQ(NormaliseName("Ð×÷ð"), "dd");  // × and ÷ are symbols, not letters
}

TEST(NormaliseNameTest, DecomposedAccentsMatchPrecomposedOnes) {
  // "Zoe" + combining diaeresis, as macOS and some web forms send it (NFD).
  EXPECT_EQ(NormaliseName("Zoe\u0308"), NormaliseName("Zo\u00EB"));
  EXPECT_EQ(NormaliseName("Jose\u0301"), "jose");
}

TEST(NormaliseNameTest, LowerCasesGreekAndCyrillicAndKeepsOtherScripts) {
  EXPECT_EQ(NormaliseName("ΑΛΕΞΗΣ"), "αλεξησ");   // final sigma is not special-cased
  EXPECT_EQ(NormaliseName("Ολγα"), "ολγα");
  EXPECT_EQ(NormaliseName("ИВАН Петров"), "иванпетров");
  EXPECT_EQ(NormaliseName("ЄВГЕН Їжак Ѐ"), "євгенїжакѐ");
  EXPECT_EQ(NormaliseName("ΆΣ"), "Άσ");  // U+0386 is outside the simple range: kept as is
  EXPECT_EQ(NormaliseName("\xCE\xA2"), "\xCE\xA2");  // unassigned U+03A2 has no lower case
  EXPECT_EQ(NormaliseName("محمد"), "محمد");
  EXPECT_EQ(NormaliseName("李 小龍"), "李小龍");
  EXPECT_EQ(NormaliseName("\U0001F600x"), "\U0001F600x");  // four-byte sequences pass through
}

TEST(NormaliseNameTest, InvalidUtf8BecomesReplacementCharacters) {
  const std::string kFffd = "\uFFFD";
  EXPECT_EQ(NormaliseName("a\xFF" "b"), "a" + kFffd + "b");                       // never a lead byte
  EXPECT_EQ(NormaliseName("a\x80" "b"), "a" + kFffd + "b");                       // stray continuation
  EXPECT_EQ(NormaliseName("a\xC3"), "a" + kFffd);                                 // truncated at the end
  EXPECT_EQ(NormaliseName("\xC3" "A"), kFffd + "a");                              // bad continuation
  EXPECT_EQ(NormaliseName("\xC0\xAF"), kFffd + kFffd);                            // overlong '/'
  EXPECT_EQ(NormaliseName("\xE0\x80\xAF"), kFffd + kFffd + kFffd);                // overlong, 3 bytes
  EXPECT_EQ(NormaliseName("\xED\xA0\x80"), kFffd + kFffd + kFffd);                // surrogate
  EXPECT_EQ(NormaliseName("\xF4\x90\x80\x80"), kFffd + kFffd + kFffd + kFffd);    // above U+10FFFF
  EXPECT_EQ(NormaliseName(std::string_view("a\0b", 3)), "ab");                    // NUL is a control
}

TEST(NormaliseNameTest, KeepsDigitsAndCanBeEmpty) {
  EXPECT_EQ(NormaliseName("Baby 2"), "baby2");
  EXPECT_EQ(NormaliseName(""), "");
  EXPECT_EQ(NormaliseName(" - . ' "), "");
}

TEST(NormaliseNameTest, McAndMacStayDistinct) {
  EXPECT_EQ(NormaliseName("McDonald"), "mcdonald");
  EXPECT_EQ(NormaliseName("MacDonald"), "macdonald");
  EXPECT_NE(CanonicalFamilyName("McDonald"), CanonicalFamilyName("MacDonald"));
}

TEST(NormaliseNameTest, IsIdempotent) {
  for (const char* name : {"O'Brien", "Zoë Smith-Jones", "Łukasz", "ИВАН", "a\xFF"}) {
    const std::string once = NormaliseName(name);
    EXPECT_EQ(NormaliseName(once), once) << name;
  }
}

TEST(CanonicalGivenNameTest, SpellingVariantsShareAKey) {
  for (const char* name : {"Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed", "MOHAMMED"}) {
    EXPECT_EQ(CanonicalGivenName(name), "mohammed") << name;
  }
  EXPECT_EQ(CanonicalGivenName("Ayesha"), CanonicalGivenName("Aisha"));
  EXPECT_EQ(CanonicalGivenName("Ciarán"), CanonicalGivenName("Kieran"));
  EXPECT_EQ(CanonicalGivenName("Zoey"), CanonicalGivenName("Zoë"));
}

TEST(CanonicalGivenNameTest, CommonDiminutivesShareAKey) {
  for (const char* name : {"Kate", "Katie", "Katherine", "Catherine", "Kathryn", "Cathy"}) {
    EXPECT_EQ(CanonicalGivenName(name), "katherine") << name;
  }
  for (const char* name : {"Liz", "Lizzie", "Elizabeth", "Beth"}) {
    EXPECT_EQ(CanonicalGivenName(name), "elizabeth") << name;
  }
  for (const char* name : {"Will", "Bill", "William", "Billy"}) {
    EXPECT_EQ(CanonicalGivenName(name), "william") << name;
  }
  for (const char* name : {"Bob", "Rob", "Robert", "Robbie"}) {
    EXPECT_EQ(CanonicalGivenName(name), "robert") << name;
  }
  for (const char* name : {"Alex", "Alexander", "Alexandra"}) {
    EXPECT_EQ(CanonicalGivenName(name), "alexander") << name;
  }
  for (const char* name : {"Jon", "John", "Jonathan", "Johnny"}) {
    EXPECT_EQ(CanonicalGivenName(name), "john") << name;
  }
}

TEST(CanonicalGivenNameTest, IndependentNamesStayApart) {
  EXPECT_NE(CanonicalGivenName("Jack"), CanonicalGivenName("John"));
  EXPECT_NE(CanonicalGivenName("Liam"), CanonicalGivenName("William"));
  EXPECT_NE(CanonicalGivenName("Caitlin"), CanonicalGivenName("Katherine"));
  EXPECT_NE(CanonicalGivenName("Ella"), CanonicalGivenName("Eleanor"));
}

TEST(CanonicalGivenNameTest, NamesNotInTheTableAreJustNormalised) {
  EXPECT_EQ(CanonicalGivenName("Aoife"), "aoife");
  EXPECT_EQ(CanonicalGivenName("  Siân "), "sian");
  EXPECT_EQ(CanonicalGivenName("Mary Jane"), "maryjane");  // one given name at a time
  EXPECT_EQ(CanonicalGivenName(""), "");
}

TEST(CanonicalFamilyNameTest, IsNormaliseNameOnly) {
  EXPECT_EQ(CanonicalFamilyName("O'Brien"), "obrien");
  EXPECT_EQ(CanonicalFamilyName("Smith-Jones"), CanonicalFamilyName("smith jones"));
  EXPECT_EQ(CanonicalFamilyName("John"), "john");  // no given-name table for family names
  EXPECT_EQ(CanonicalFamilyName("Bill"), "bill");
  EXPECT_NE(CanonicalFamilyName("Smith"), CanonicalFamilyName("Smyth"));
}

TEST(GivenNameTableTest, HasAtLeastSixtyGroups) { EXPECT_GE(GivenNameGroups().size(), 60u); }

TEST(GivenNameTableTest, EveryNameIsNormalisedAndInOneGroupOnly) {
  std::set<std::string_view> seen;
  for (const GivenNameGroup& group : GivenNameGroups()) {
    EXPECT_EQ(NormaliseName(group.canonical), group.canonical);
    EXPECT_TRUE(seen.insert(group.canonical).second) << group.canonical;
    const std::vector<std::string_view> variants = Variants(group);
    EXPECT_FALSE(variants.empty()) << group.canonical;
    for (std::string_view v : variants) {
      EXPECT_FALSE(v.empty()) << group.canonical << ": double space in the variant list";
      EXPECT_EQ(NormaliseName(v), v) << group.canonical;
      EXPECT_TRUE(seen.insert(v).second) << v << " is in more than one group";
    }
  }
}

TEST(GivenNameTableTest, EveryVariantMapsToItsCanonicalKey) {
  for (const GivenNameGroup& group : GivenNameGroups()) {
    EXPECT_EQ(CanonicalGivenName(group.canonical), group.canonical);
    for (std::string_view v : Variants(group)) EXPECT_EQ(CanonicalGivenName(v), group.canonical) << v;
  }
}

}  // namespace
}  // namespace confide::domain
