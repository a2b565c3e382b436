// The two 256-word lists and the encoding.
#include "util/pgp_words.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "util/error.h"

namespace kr {
namespace {

const char* const kEven[256] = {
    "aardvark",  "absurd",    "accrue",    "acme",      "adrift",    "adult",     "afflict",
    "ahead",     "aimless",   "Algol",     "allow",     "alone",     "ammo",      "ancient",
    "apple",     "artist",    "assume",    "Athens",    "atlas",     "Aztec",     "baboon",
    "backfield", "backward",  "banjo",     "beaming",   "bedlamp",   "beehive",   "beeswax",
    "befriend",  "Belfast",   "berserk",   "billiard",  "bison",     "blackjack", "blockade",
    "blowtorch", "bluebird",  "bombast",   "bookshelf", "brackish",  "breadline", "breakup",
    "brickyard", "briefcase", "Burbank",   "button",    "buzzard",   "cement",    "chairlift",
    "chatter",   "checkup",   "chisel",    "choking",   "chopper",   "Christmas", "clamshell",
    "classic",   "classroom", "cleanup",   "clockwork", "cobra",     "commence",  "concert",
    "cowbell",   "crackdown", "cranky",    "crowfoot",  "crucial",   "crumpled",  "crusade",
    "cubic",     "dashboard", "deadbolt",  "deckhand",  "dogsled",   "dragnet",   "drainage",
    "dreadful",  "drifter",   "dropper",   "drumbeat",  "drunken",   "Dupont",    "dwelling",
    "eating",    "edict",     "egghead",   "eightball", "endorse",   "endow",     "enlist",
    "erase",     "escape",    "exceed",    "eyeglass",  "eyetooth",  "facial",    "fallout",
    "flagpole",  "flatfoot",  "flytrap",   "fracture",  "framework", "freedom",   "frighten",
    "gazelle",   "Geiger",    "glitter",   "glucose",   "goggles",   "goldfish",  "gremlin",
    "guidance",  "hamlet",    "highchair", "hockey",    "indoors",   "indulge",   "inverse",
    "involve",   "island",    "jawbone",   "keyboard",  "kickoff",   "kiwi",      "klaxon",
    "locale",    "lockup",    "merit",     "minnow",    "miser",     "Mohawk",    "mural",
    "music",     "necklace",  "Neptune",   "newborn",   "nightbird", "Oakland",   "obtuse",
    "offload",   "optic",     "orca",      "payday",    "peachy",    "pheasant",  "physique",
    "playhouse", "Pluto",     "preclude",  "prefer",    "preshrunk", "printer",   "prowler",
    "pupil",     "puppy",     "python",    "quadrant",  "quiver",    "quota",     "ragtime",
    "ratchet",   "rebirth",   "reform",    "regain",    "reindeer",  "rematch",   "repay",
    "retouch",   "revenge",   "reward",    "rhythm",    "ribcage",   "ringbolt",  "robust",
    "rocker",    "ruffled",   "sailboat",  "sawdust",   "scallion",  "scenic",    "scorecard",
    "Scotland",  "seabird",   "select",    "sentence",  "shadow",    "shamrock",  "showgirl",
    "skullcap",  "skydive",   "slingshot", "slowdown",  "snapline",  "snapshot",  "snowcap",
    "snowslide", "solo",      "southward", "soybean",   "spaniel",   "spearhead", "spellbind",
    "spheroid",  "spigot",    "spindle",   "spyglass",  "stagehand", "stagnate",  "stairway",
    "standard",  "stapler",   "steamship", "sterling",  "stockman",  "stopwatch", "stormy",
    "sugar",     "surmount",  "suspense",  "sweatband", "swelter",   "tactics",   "talon",
    "tapeworm",  "tempest",   "tiger",     "tissue",    "tonic",     "topmost",   "tracker",
    "transit",   "trauma",    "treadmill", "Trojan",    "trouble",   "tumor",     "tunnel",
    "tycoon",    "uncut",     "unearth",   "unwind",    "uproot",    "upset",     "upshot",
    "vapor",     "village",   "virus",     "Vulcan",    "waffle",    "wallet",    "watchword",
    "wayside",   "willow",    "woodlark",  "Zulu",
};

const char* const kOdd[256] = {
    "adroitness",  "adviser",     "aftermath",   "aggregate",   "alkali",     "almighty",
    "amulet",      "amusement",   "antenna",     "applicant",   "Apollo",     "armistice",
    "article",     "asteroid",    "Atlantic",    "atmosphere",  "autopsy",    "Babylon",
    "backwater",   "barbecue",    "belowground", "bifocals",    "bodyguard",  "bookseller",
    "borderline",  "bottomless",  "Bradbury",    "bravado",     "Brazilian",  "breakaway",
    "Burlington",  "businessman", "butterfat",   "Camelot",     "candidate",  "cannonball",
    "Capricorn",   "caravan",     "caretaker",   "celebrate",   "cellulose",  "certify",
    "chambermaid", "Cherokee",    "Chicago",     "clergyman",   "coherence",  "combustion",
    "commando",    "company",     "component",   "concurrent",  "confidence", "conformist",
    "congregate",  "consensus",   "consulting",  "corporate",   "corrosion",  "councilman",
    "crossover",   "crucifix",    "cumbersome",  "customer",    "Dakota",     "decadence",
    "December",    "decimal",     "designing",   "detector",    "detergent",  "determine",
    "dictator",    "dinosaur",    "direction",   "disable",     "disbelief",  "disruptive",
    "distortion",  "document",    "embezzle",    "enchanting",  "enrollment", "enterprise",
    "equation",    "equipment",   "escapade",    "Eskimo",      "everyday",   "examine",
    "existence",   "exodus",      "fascinate",   "filament",    "finicky",    "forever",
    "fortitude",   "frequency",   "gadgetry",    "Galveston",   "getaway",    "glossary",
    "gossamer",    "graduate",    "gravity",     "guitarist",   "hamburger",  "Hamilton",
    "handiwork",   "hazardous",   "headwaters",  "hemisphere",  "hesitate",   "hideaway",
    "holiness",    "hurricane",   "hydraulic",   "impartial",   "impetus",    "inception",
    "indigo",      "inertia",     "infancy",     "inferno",     "informant",  "insincere",
    "insurgent",   "integrate",   "intention",   "inventive",   "Istanbul",   "Jamaica",
    "Jupiter",     "leprosy",     "letterhead",  "liberty",     "maritime",   "matchmaker",
    "maverick",    "Medusa",      "megaton",     "microscope",  "microwave",  "midsummer",
    "millionaire", "miracle",     "misnomer",    "molasses",    "molecule",   "Montana",
    "monument",    "mosquito",    "narrative",   "nebula",      "newsletter", "Norwegian",
    "October",     "Ohio",        "onlooker",    "opulent",     "Orlando",    "outfielder",
    "Pacific",     "pandemic",    "Pandora",     "paperweight", "paragon",    "paragraph",
    "paramount",   "passenger",   "pedigree",    "Pegasus",     "penetrate",  "perceptive",
    "performance", "pharmacy",    "phonetic",    "photograph",  "pioneer",    "pocketful",
    "politeness",  "positive",    "potato",      "processor",   "provincial", "proximate",
    "puberty",     "publisher",   "pyramid",     "quantity",    "racketeer",  "rebellion",
    "recipe",      "recover",     "repellent",   "replica",     "reproduce",  "resistor",
    "responsive",  "retraction",  "retrieval",   "retrospect",  "revenue",    "revival",
    "revolver",    "sandalwood",  "sardonic",    "Saturday",    "savagery",   "scavenger",
    "sensation",   "sociable",    "souvenir",    "specialist",  "speculate",  "stethoscope",
    "stupendous",  "supportive",  "surrender",   "suspicious",  "sympathy",   "tambourine",
    "telephone",   "therapist",   "tobacco",     "tolerance",   "tomorrow",   "torpedo",
    "tradition",   "travesty",    "trombonist",  "truncated",   "typewriter", "ultimate",
    "undaunted",   "underfoot",   "unicorn",     "unify",       "universe",   "unravel",
    "upcoming",    "vacancy",     "vagabond",    "vertigo",     "Virginia",   "visitor",
    "vocalist",    "voyager",     "warranty",    "Waterloo",    "whimsical",  "Wichita",
    "Wilmington",  "Wyoming",     "yesteryear",  "Yucatan",
};

}  // namespace

std::vector<std::string> pgp_words(ByteView data) {
  std::vector<std::string> out;
  out.reserve(data.size());
  for (std::size_t i = 0; i < data.size(); ++i)
    out.emplace_back(i % 2 ? kOdd[data[i]] : kEven[data[i]]);
  return out;
}

Bytes bytes_from_pgp_words(std::string_view text) {
  const auto lower = [](std::string w) {
    for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return w;
  };
  const auto find = [&](const char* const* list, const std::string& word) -> int {
    for (int i = 0; i < 256; ++i)
      if (lower(list[i]) == word) return i;
    return -1;
  };
  Bytes out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (std::isspace(static_cast<unsigned char>(text[i])) || text[i] == ','))
      ++i;
    std::size_t end = i;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
           text[end] != ',')
      ++end;
    if (end == i) break;
    const std::string word = lower(std::string(text.substr(i, end - i)));
    i = end;
    if (std::all_of(word.begin(), word.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      continue;
    const bool odd = out.size() % 2 == 1;
    const int value = find(odd ? kOdd : kEven, word);
    if (value >= 0) {
      out.push_back(static_cast<std::uint8_t>(value));
      continue;
    }
    const std::string where = "word " + std::to_string(out.size() + 1) + " \"" + word + "\"";
    if (find(odd ? kEven : kOdd, word) >= 0)
      throw Error(where + " is a" + (odd ? "n even" : "n odd") + "-position word in an " +
                  (odd ? "odd" : "even") + " position: a word before it was dropped or repeated");
    throw Error(where + " is not in the PGP word list");
  }
  return out;
}

std::string pgp_word_rows(ByteView data) {
  auto words = pgp_words(data);
  std::size_t width = 0;
  for (const auto& w : words) width = std::max(width, w.size());
  std::string out;
  for (std::size_t start = 0; start < words.size(); start += 4) {
    char number[24];
    std::snprintf(number, sizeof number, "%3zu", start + 1);
    out += number;
    for (std::size_t i = start; i < std::min(start + 4, words.size()); ++i) {
      out += "  " + words[i];
      if (i + 1 < std::min(start + 4, words.size())) out.append(width - words[i].size(), ' ');
    }
    out += "\n";
  }
  return out;
}

}  // namespace kr
