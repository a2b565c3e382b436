// The usual std::visit helper: one lambda per alternative.
#pragma once

namespace kr {

template <class... Fs>
struct Overload : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overload(Fs...) -> Overload<Fs...>;

}  // namespace kr
