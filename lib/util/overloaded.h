// std::visit over a variant with one lambda per alternative.
#pragma once

namespace kr {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
// Spelled out for clang 14 (the fuzz build), which lacks C++20's deduction for aggregates.
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace kr
