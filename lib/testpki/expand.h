// {n} substitution for bulk leaves: "web-{n}.example.test" with n = 7 is "web-7.example.test".
#pragma once

#include <optional>
#include <string>

namespace kr::testpki {

inline std::string expand(const std::string& text, int n) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find("{n}", start)) != std::string::npos; start = at + 3)
    out.append(text, start, at - start).append(std::to_string(n));
  return out.append(text, start);
}

// The n in 1..count for which expand(pattern, n) is `name`, if any; a pattern without {n} names
// one instance, itself. Lets a spec's names be compared without listing a million of them.
inline std::optional<int> instance_number(const std::string& pattern, int count,
                                          const std::string& name) {
  const std::size_t at = pattern.find("{n}");
  if (at == std::string::npos) return name == pattern ? std::optional<int>(1) : std::nullopt;
  if (name.compare(0, at, pattern, 0, at) != 0) return std::nullopt;
  // n's digits start where the first {n} was; the text after it may start with digits too, so
  // every length a count up to 1,000,000 can have is tried.
  for (std::size_t len = 1; len <= 7 && at + len <= name.size(); ++len) {
    const std::string digits = name.substr(at, len);
    if (digits.find_first_not_of("0123456789") != std::string::npos) break;
    if (digits[0] == '0') break;
    const int n = std::stoi(digits);
    if (n >= 1 && n <= count && expand(pattern, n) == name) return n;
  }
  return std::nullopt;
}

}  // namespace kr::testpki
