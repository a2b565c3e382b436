// {n} substitution for bulk leaves: "web-{n}.example.test" with n = 7 is "web-7.example.test".
#pragma once

#include <string>

namespace kr::testpki {

inline std::string expand(const std::string& text, int n) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find("{n}", start)) != std::string::npos; start = at + 3)
    out.append(text, start, at - start).append(std::to_string(n));
  return out.append(text, start);
}

}  // namespace kr::testpki
