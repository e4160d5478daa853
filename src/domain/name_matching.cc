#include "domain/name_matching.h"

#include <array>
#include <unordered_map>

namespace confide::domain {
namespace {

constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the code point starting at `pos` and advances past it. A byte that does not start a
// valid, shortest-form UTF-8 sequence (or a surrogate, or a value above U+10FFFF) decodes as
// U+FFFD and advances one byte, so decoding always makes progress and never reads out of range.
// REQUIRES: pos < s.size().
char32_t NextCodePoint(std::string_view s, size_t& pos) {
  const auto lead = static_cast<unsigned char>(s[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  size_t length = 0;
  char32_t cp = 0;
  char32_t smallest = 0;  // below this the sequence is an overlong (non-shortest) encoding
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
    smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
    smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
    smallest = 0x10000;
  } else {
    ++pos;
    return kReplacementCharacter;
  }
  if (s.size() - pos < length) {
    ++pos;
    return kReplacementCharacter;
  }
  for (size_t i = 1; i < length; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return kReplacementCharacter;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < smallest || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kReplacementCharacter;
  }
  pos += length;
  return cp;
}

// REQUIRES: cp is a Unicode scalar value (NextCodePoint only returns those) and not ASCII, which
// AppendNormalised handles itself.
void AppendNonAsciiUtf8(char32_t cp, std::string& out) {
  if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Base letters for U+00C0..U+017F (the letters of Latin-1 Supplement and all of Latin Extended-A),
// upper and lower case alike. Letters with no accent to remove are spelt out as English-speaking
// staff would type them (ß -> ss, æ -> ae, þ -> th, ł -> l). × and ÷ are symbols: dropped.
constexpr char32_t kLatinFoldFirst = 0xC0;
constexpr std::array<std::string_view, 0x180 - 0xC0> kLatinFold = {
    // U+00C0 À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00D0 Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    // U+00E0 à á â ã ä å æ ç è é ê ë ì í î ï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00F0 ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    // U+0110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    // U+0120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    // U+0130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    // U+0140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    // U+0150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    // U+0160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    // U+0170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

bool InRange(char32_t cp, char32_t first, char32_t last) { return cp >= first && cp <= last; }

// True for code points that separate or decorate a name rather than spell it: besides ASCII
// punctuation (handled separately), the ones that arrive from word processors, phones and
// decomposed (NFD) text.
bool IsIgnorable(char32_t cp) {
  return InRange(cp, 0x80, 0xBF) ||     // C1 controls, no-break space, ´ · and other Latin-1 signs
         InRange(cp, 0x2B0, 0x36F) ||   // modifier letters (ʼ ʻ) and combining accents (NFD input)
         InRange(cp, 0x2000, 0x206F) || // general punctuation: spaces, ‐ – —, ‘ ’, zero-width marks
         cp == 0x2212 ||                // minus sign, typed for a hyphen
         cp == 0x3000 ||                // ideographic space
         InRange(cp, 0xFE00, 0xFE0F) || // variation selectors
         cp == 0xFEFF;                  // byte-order mark / zero-width no-break space
}

void AppendNormalised(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    }
    return;  // spaces, apostrophes, hyphens, full stops, other punctuation and controls
  }
  if (IsIgnorable(cp)) return;
  if (InRange(cp, kLatinFoldFirst, 0x17F)) {
    out += kLatinFold[cp - kLatinFoldFirst];
    return;
  }
  if (InRange(cp, 0x218, 0x219)) {  // Ș ș: Romanian s with comma below
    out.push_back('s');
    return;
  }
  if (InRange(cp, 0x21A, 0x21B)) {  // Ț ț: Romanian t with comma below
    out.push_back('t');
    return;
  }
  if (InRange(cp, 0x391, 0x3A9) && cp != 0x3A2) {  // Greek capitals (U+03A2 is unassigned)
    cp += 0x20;
  } else if (InRange(cp, 0x410, 0x42F)) {  // Cyrillic А..Я
    cp += 0x20;
  } else if (InRange(cp, 0x400, 0x40F)) {  // Cyrillic Ѐ..Џ (Ukrainian Є І Ї, Serbian Ђ ...)
    cp += 0x50;
  }
  AppendNonAsciiUtf8(cp, out);
}

// Given names that practitioners use interchangeably, each group keyed by its first name.
//
// Why merge at all, and how far: the index only matches exact keys, so every spelling this table
// does not merge is a search that silently finds nothing, and a missed match can mean a second
// record for a child whose history is then split across two files. Merging too much costs far
// less: the search returns a few extra people, and staff already confirm a match by date of birth
// before opening anything. So the table errs towards merging, within limits:
//   - spelling and transliteration variants (Mohammed/Muhammad, Aisha/Ayesha, Kieran/Ciaran);
//   - diminutives in everyday use that stand for the full name (Kate, Liz, Bill, Bob, Alfie);
//   - a diminutive shared by two names joins them (Alex: Alexander and Alexandra; Sam: Samuel and
//     Samantha; Jon: John and Jonathan), because a key can belong to only one group;
//   - but names that merely share a root or a sound and are given independently stay apart
//     (Jack is not John, Liam is not William, Caitlin is not Katherine, Ella is not Eleanor):
//     merging those would make common searches return many unrelated children.
// Every name here must already be in NormaliseName form, and appear in one group only; the unit
// tests check both. Changing the table changes index keys: bump kNameKeyVersion.
constexpr GivenNameGroup kGivenNameGroups[] = {
    {"mohammed", "mohamed mohammad mohamad muhammad muhammed muhamad muhamed mohamud mohammod mohd mahomed"},
    {"ahmed", "ahmad ahmet"},
    {"yusuf", "yousuf yousef youssef yusef yusif"},
    {"ibrahim", "ebrahim ibraheem ebraheem"},
    {"abdullah", "abdulla abdallah"},
    {"hussain", "hussein husain husein hossain"},
    {"hassan", "hasan"},
    {"omar", "umar omer"},
    {"usman", "osman uthman othman"},
    {"mustafa", "mustapha mostafa moustafa"},
    {"ismail", "ismael ismaeel"},
    {"suleiman", "sulaiman sulayman suleyman"},
    {"aisha", "ayesha aysha aishah ayeesha aishat"},
    {"fatima", "fatimah fatma"},
    {"maryam", "mariam mariyam"},
    {"zainab", "zaynab zenab"},
    {"khadija", "khadijah khadeeja"},
    {"layla", "leila laila leyla lailah laylah"},
    {"john", "jon jonathan jonathon johnathan johnny jonny johnnie jonnie"},
    {"william", "will bill billy willy willie billie"},
    {"robert", "rob bob bobby robbie robby"},
    {"richard", "rich rick ricky dick richie"},
    {"elizabeth", "elisabeth liz lizzie lizzy beth betty betsy libby eliza"},
    {"katherine", "catherine kathryn cathryn katharine katherin kate katie katy kathy cathy kath cath kat kathleen"},
    {"alexander", "alex alexandra alexandre alexandr alexa"},
    {"christopher", "chris kristopher christophe kris christine christina kristina kristine"},
    {"michael", "mike mick mickey micky mikey micheal michal mikael"},
    {"james", "jim jimmy jimmie jamie"},
    {"thomas", "tom tommy tommie tomas tomos"},
    {"joseph", "joe joey josef"},
    {"daniel", "dan danny dani daniela daniella danielle"},
    {"samuel", "sam sammy sammie samantha"},
    {"benjamin", "ben benny benji benjy"},
    {"matthew", "matt matty mathew"},
    {"nicholas", "nicolas nikolas nick nicky nikki nicki nicola nicole"},
    {"anthony", "antony tony"},
    {"andrew", "andy drew"},
    {"edward", "ed eddie eddy ted teddy ned"},
    {"charles", "charlie charley chas charlotte lottie"},
    {"henry", "harry hal"},
    {"david", "dave davey davy dai dafydd"},
    {"peter", "pete"},
    {"stephen", "steven steve stevie stephan stefan steph stephanie stefanie"},
    {"frederick", "fred freddie freddy frederic fredrick"},
    {"margaret", "maggie peggy marge margie"},
    {"megan", "meghan meagan meg"},
    {"rebecca", "rebekah becky becca bex"},
    {"jessica", "jess jessie jessy"},
    {"victoria", "vicky vicki vikki tori"},
    {"jennifer", "jenny jen jenni jennie"},
    {"susan", "sue susie suzy susanna susannah suzanne"},
    {"patrick", "pat paddy patricia patty trish tricia"},
    {"deborah", "debra debbie debby deb"},
    {"abigail", "abi abby abbie abbey abbi"},
    {"gabriel", "gabriella gabrielle gabriela gabby gabi"},
    {"oliver", "ollie olly"},
    {"olivia", "liv livvy livvie"},
    {"isabella", "isabel isabelle isobel izabela izzy izzie issy bella"},
    {"sophie", "sophia sofia sofie"},
    {"zoe", "zoey"},
    {"leah", "lea"},
    {"hannah", "hanna hana hanah"},
    {"sarah", "sara"},
    {"aaron", "aron arron"},
    {"callum", "calum kallum"},
    {"connor", "conor conner konnor"},
    {"jayden", "jaden jaiden jaydon jadon"},
    {"kieran", "ciaran kieron keiran kyran"},
    {"lewis", "louis"},
    {"aidan", "aiden ayden"},
    {"caitlin", "caitlyn kaitlyn kaitlin katelyn"},
    {"natasha", "tasha"},
    {"nathan", "nathaniel nathanael nate"},
    {"joshua", "josh"},
    {"jacob", "jake jakub"},
    {"zachary", "zach zack zak zac"},
    {"alfie", "alfred alf"},
    {"archie", "archibald"},
    {"theodore", "theo"},
    {"maximilian", "maximillian max maxwell"},
    {"tobias", "toby"},
    {"dominic", "dominik dominick dom"},
    {"gregory", "greg"},
    {"timothy", "tim timmy"},
    {"kenneth", "ken kenny"},
    {"ronald", "ron ronnie"},
    {"donald", "don donnie"},
    {"jacqueline", "jackie jacqui jacquie"},
    {"anne", "ann anna annie"},
    {"mary", "marie maria"},
    {"joanne", "joanna johanna jo"},
    {"josephine", "josie"},
    {"jasmine", "jasmin yasmin yasmine jazmin"},
    {"sebastian", "sebastien seb"},
    {"rose", "rosie"},
    {"freya", "freja freyja"},
    {"sean", "shaun shawn"},
    {"philip", "phillip phil"},
    {"lucas", "lukas"},
    {"lucy", "lucie"},
    {"amy", "amie aimee"},
    {"emily", "emilie"},
    {"gemma", "jemma"},
    {"lily", "lilly lillie lili"},
    {"rhys", "reece reese rees"},
    {"lee", "leigh"},
    {"terence", "terrence terrance terry"},
    {"teresa", "theresa tess tessa"},
    {"george", "georgie georgia georgina"},
    {"francis", "frances frank frankie fran"},
    {"lawrence", "laurence larry"},
    {"vincent", "vince vinnie vinny"},
    {"louise", "louisa lou"},
    {"harriet", "hattie"},
    {"eleanor", "elinor eleanore ellie nell nellie"},
    {"amelia", "amelie"},
};

using GivenNameIndex = std::unordered_map<std::string_view, std::string_view>;

GivenNameIndex BuildGivenNameIndex() {
  GivenNameIndex index;
  for (const GivenNameGroup& group : kGivenNameGroups) {
    index.emplace(group.canonical, group.canonical);
    std::string_view rest = group.variants;
    while (!rest.empty()) {
      const size_t space = rest.find(' ');
      const std::string_view variant = rest.substr(0, space);
      index.emplace(variant, group.canonical);
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
  }
  return index;
}

}  // namespace

std::string NormaliseName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  size_t pos = 0;
  while (pos < name.size()) AppendNormalised(NextCodePoint(name, pos), out);
  return out;
}

std::string CanonicalGivenName(std::string_view given_name) {
  // Built once, on first use; function-local static initialisation is thread-safe.
  static const GivenNameIndex index = BuildGivenNameIndex();
  std::string key = NormaliseName(given_name);
  const auto it = index.find(key);
  if (it != index.end()) key = std::string(it->second);
  return key;
}

std::string CanonicalFamilyName(std::string_view family_name) { return NormaliseName(family_name); }

std::span<const GivenNameGroup> GivenNameGroups() { return kGivenNameGroups; }

}  // namespace confide::domain
