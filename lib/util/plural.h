// Counts in the words people read: "1 step", "2 steps", "0 files". Output that says "1 step(s)"
// or "(1 steps)" reads as unfinished; every count a tool prints goes through count_of.
#pragma once

#include <cstdint>
#include <string>

namespace kr {

// "1 step", "3 steps"; `plural` for nouns that do not take an s ("1 query", "2 queries").
std::string count_of(std::uint64_t n, const std::string& singular, const std::string& plural = "");

}  // namespace kr
